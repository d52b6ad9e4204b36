//! The `paragraf` command.

mod cli;

use paragraf::protocol::pdf;

/// mimalloc instead of glibc's malloc: indexing allocates and frees many
/// small buffers on several threads (see the commit that added it for the
/// measurement).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t` of
/// mimalloc 3, which the `mimalloc` crate builds; `libmimalloc-sys` names
/// only the options common to versions 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory instead of handing it back to the OS after 10 ms:
    // indexing frees and reallocates its buffers all the time, and every
    // page handed back came back zeroed by the kernel (1M §: index 26.6 ->
    // 25.5 s, page faults 164,000 -> 15,000, peak RSS +5%).
    // SAFETY: sets an option before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    // A PDF is read in a worker process (this binary run again), so that no
    // file can take the run down (src/protocol/pdf/worker.rs).
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == pdf::worker::ARG) {
        return pdf::worker::serve(&args[1..]);
    }
    if let Ok(worker) = pdf::worker::Worker::this_executable() {
        pdf::worker::install(worker);
    }
    cli::run()
}
