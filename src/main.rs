//! The `paragraf` command.

mod cli;

/// mimalloc instead of glibc's malloc: indexing allocates and frees many
/// small buffers on several threads (see the commit that added it for the
/// measurement).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
