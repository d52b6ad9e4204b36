//! `paragraf serve`: an HTTP JSON API and one web page over the same
//! library calls as the command line (see `api`, `source`, `page`).
//!
//! Read-only: it never writes to the index. Searches run on tokio's
//! blocking threads, at most [`State::permits`] at once, each answered
//! within `--timeout` (a search still running then finishes in the
//! background and keeps its permit, so slow ones cannot pile up). The
//! index reloads by itself when `paragraf index` commits (tantivy's
//! reader watches the folder); a rebuild that swaps in a new folder is
//! noticed by [`watch_folder`] and the new one opened.

mod api;
mod page;
mod params;
mod source;

use super::location::{IndexArg, IndexLocation, open_for_reading};
use anyhow::{Context, Result};
use clap::Args;
use paragraf::index::Index;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Arguments of `paragraf serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    index: IndexArg,
    /// Address and port to listen on. The default takes requests from this
    /// machine only; port 0 picks a free one (the address is printed).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Longest time a search may take, in seconds, before it is answered
    /// with an error (HTTP 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,
}

/// The resolved configuration of `paragraf serve`.
#[derive(Debug)]
pub struct ServeConfig {
    /// The index folder.
    pub index: IndexLocation,
    /// Where to listen.
    pub bind: SocketAddr,
    /// Longest time a search may take.
    pub timeout: Duration,
}

impl ServeArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<ServeConfig> {
        let timeout = Duration::try_from_secs_f64(self.timeout)
            .ok()
            .filter(|t| !t.is_zero())
            .with_context(|| {
                format!(
                    "bad --timeout {}: give a number of seconds above 0",
                    self.timeout
                )
            })?;
        Ok(ServeConfig {
            index: self.index.location()?,
            bind: self.bind,
            timeout,
        })
    }
}

/// What every request shares.
pub(crate) struct State {
    /// The index searched; replaced when a rebuild swaps its folder.
    index: RwLock<Arc<Index>>,
    /// The folder it was opened from, and its identity then.
    dir: PathBuf,
    /// Searches (and other index calls) running at once, at most.
    permits: Arc<tokio::sync::Semaphore>,
    /// Longest time a request may wait for the index.
    timeout: Duration,
    /// True when this is the demo index of the bundled sample-data.
    demo: bool,
}

impl State {
    /// The index as it is now.
    pub(crate) fn index(&self) -> Arc<Index> {
        Arc::clone(&self.index.read().unwrap_or_else(|p| p.into_inner()))
    }
}

/// Runs `paragraf serve` until it is stopped (Ctrl-C or SIGTERM).
pub fn run(cfg: ServeConfig) -> Result<u8> {
    let reading = open_for_reading(&cfg.index)?;
    let demo = reading.index.dir() != cfg.index.dir;
    let dir = reading.index.dir().to_path_buf();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(State {
        index: RwLock::new(Arc::new(reading.index)),
        dir,
        permits: Arc::new(tokio::sync::Semaphore::new(2 * cores)),
        timeout: cfg.timeout,
        demo,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's threads")?;
    runtime.block_on(serve(state, cfg.bind))?;
    Ok(super::exit::FOUND)
}

async fn serve(state: Arc<State>, bind: SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "paragraf: serving the index at {} on http://{addr}/ (Ctrl-C stops)",
            state.dir.display()
        )?;
        out.flush()?;
    }
    tokio::spawn(watch_folder(Arc::clone(&state)));
    axum::serve(listener, router(state))
        .with_graceful_shutdown(stopped())
        .await
        .context("serving")?;
    Ok(())
}

/// Every route: the API, the protocol files, the page.
fn router(state: Arc<State>) -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route("/api/search", get(api::search))
        .route("/api/paragraph/{meeting_id}/{number}", get(api::paragraph))
        .route("/api/case/{*case}", get(api::case))
        .route("/api/facets", get(api::facets))
        .route("/api/health", get(api::health))
        .route("/source/{meeting_id}", get(source::source))
        .merge(page::routes())
        .fallback(api::not_found)
        .with_state(state)
}

/// Resolves when the process is asked to stop.
async fn stopped() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The identity of a folder (device and inode), to notice that another
/// was put in its place.
fn identity(dir: &std::path::Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Reopens the index when its folder is replaced (`paragraf index
/// --rebuild` swaps a new folder in): commits to the same folder are
/// picked up by the index's reader itself.
async fn watch_folder(state: Arc<State>) {
    let mut seen = identity(&state.dir);
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let now = identity(&state.dir);
        if now.is_none() || now == seen {
            continue;
        }
        let dir = state.dir.clone();
        // Not openable yet (a swap under way): tried again next time.
        if let Ok(Ok(index)) = tokio::task::spawn_blocking(move || Index::open(&dir)).await {
            *state.index.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(index);
            seen = now;
            eprintln!(
                "paragraf: the index at {} was rebuilt: serving the new one",
                state.dir.display()
            );
        }
    }
}
