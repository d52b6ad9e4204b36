//! Reading a PDF in a worker process: the `paragraf` binary runs itself
//! (`paragraf __pdf-worker`) for each PDF, hands it the bytes on standard
//! input and reads the text from standard output. The worker limits its own
//! address space and CPU time (`setrlimit`), and the caller kills it after a
//! timeout. Whatever one file does to the reader, a loop, a stack overflow
//! (which aborts a Rust process and cannot be caught), memory without
//! bound, it ends that worker, and the file is reported with the reason;
//! the run goes on.
//!
//! The reader in the worker is the bounded one of [`super::bounded`]: the
//! process limits are the second line, for what those bounds do not foresee.
//! A library user gets the in-process bounded reader unless it calls
//! [`install`] with a program that serves the worker protocol ([`serve`]).

use super::{Limits, PdfError};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The first argument that makes the `paragraf` binary a worker.
pub const ARG: &str = "__pdf-worker";

/// How to run the worker and its bounds.
#[derive(Debug, Clone)]
pub struct Worker {
    /// The program to run (the `paragraf` binary).
    pub program: PathBuf,
    /// Its arguments before the limits ([`ARG`] for `paragraf`).
    pub args: Vec<OsString>,
    /// Wall-clock time one PDF may take; the worker is killed after it.
    pub timeout: Duration,
    /// Address space of the worker, bytes.
    pub memory: u64,
    /// CPU time of the worker, seconds.
    pub cpu_seconds: u64,
}

impl Worker {
    /// The running executable as the worker (for the `paragraf` binary),
    /// with the default bounds: 60 s, 2 GiB of address space, 60 s of CPU.
    pub fn this_executable() -> std::io::Result<Worker> {
        Ok(Worker {
            program: std::env::current_exe()?,
            args: vec![ARG.into()],
            timeout: Duration::from_secs(60),
            memory: 2 << 30,
            cpu_seconds: 60,
        })
    }

    /// The text of a PDF as [`super::extract_in_process`] gives it, read in
    /// a worker process. Never panics.
    pub fn extract(&self, bytes: &[u8]) -> Result<String, PdfError> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .arg(self.memory.to_string())
            .arg(self.cpu_seconds.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| PdfError::Broken(format!("cannot start the PDF reader: {e}")))?;
        let started = Instant::now();
        let mut stdin = child.stdin.take().expect("piped");
        let mut stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let answer = std::thread::scope(|s| {
            s.spawn(move || {
                // The worker may end before reading all (a broken pipe).
                let _ = stdin.write_all(bytes);
            });
            let out = s.spawn(move || {
                let mut out = Vec::new();
                let _ = stdout.read_to_end(&mut out);
                out
            });
            let err = s.spawn(move || {
                let mut err = Vec::new();
                let _ = stderr.take(64 << 10).read_to_end(&mut err);
                err
            });
            let status = loop {
                match child.try_wait() {
                    Ok(Some(status)) => break Some(status),
                    Ok(None) if started.elapsed() >= self.timeout => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break None;
                    }
                    Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                    Err(_) => {
                        let _ = child.kill();
                        break child.wait().ok();
                    }
                }
            };
            (
                status,
                out.join().unwrap_or_default(),
                err.join().unwrap_or_default(),
            )
        });
        let (status, out, err) = answer;
        let Some(status) = status else {
            return Err(PdfError::Limit(format!(
                "reading took longer than {} s",
                self.timeout.as_secs_f64()
            )));
        };
        if status.success()
            && let Some(answer) = decode_answer(&out)
        {
            return answer;
        }
        Err(self.failure(status, &String::from_utf8_lossy(&err)))
    }

    /// What a worker that ended without an answer ran into.
    fn failure(&self, status: std::process::ExitStatus, stderr: &str) -> PdfError {
        #[cfg(unix)]
        {
            use rustix::process::Signal;
            use std::os::unix::process::ExitStatusExt;
            let signal = status.signal();
            if signal == Some(Signal::XCPU.as_raw()) || signal == Some(Signal::KILL.as_raw()) {
                return PdfError::Limit(format!(
                    "reading used more than {} s of CPU time",
                    self.cpu_seconds
                ));
            }
        }
        if stderr.contains("overflowed its stack") {
            return PdfError::Broken(
                "the PDF reader overflowed its stack (objects nested too deep)".into(),
            );
        }
        if stderr.contains("memory allocation") || stderr.contains("out of memory") {
            return PdfError::Limit(format!(
                "reading needed more than {} MiB of memory",
                self.memory >> 20
            ));
        }
        PdfError::Broken(format!("the PDF reader crashed ({status})"))
    }
}

/// The answer a worker writes: a tag byte, then the text or the detail.
fn encode_answer(answer: &Result<String, PdfError>) -> Vec<u8> {
    let (tag, body) = match answer {
        Ok(text) => (b'T', text.as_str()),
        Err(PdfError::NoText) => (b'N', ""),
        Err(PdfError::Encrypted) => (b'E', ""),
        Err(PdfError::Broken(m)) => (b'B', m.as_str()),
        Err(PdfError::Limit(m)) => (b'L', m.as_str()),
    };
    let mut out = Vec::with_capacity(body.len() + 1);
    out.push(tag);
    out.extend_from_slice(body.as_bytes());
    out
}

fn decode_answer(out: &[u8]) -> Option<Result<String, PdfError>> {
    let (&tag, body) = out.split_first()?;
    let body = String::from_utf8(body.to_vec()).ok()?;
    Some(match tag {
        b'T' => Ok(body),
        b'N' => Err(PdfError::NoText),
        b'E' => Err(PdfError::Encrypted),
        b'B' => Err(PdfError::Broken(body)),
        b'L' => Err(PdfError::Limit(body)),
        _ => return None,
    })
}

static INSTALLED: OnceLock<Worker> = OnceLock::new();

/// Makes [`super::extract`] read every PDF in `worker` from now on (for
/// this whole process; the first call wins).
pub fn install(worker: Worker) {
    let _ = INSTALLED.set(worker);
}

/// The worker set up by [`install`], if any.
pub fn installed() -> Option<&'static Worker> {
    INSTALLED.get()
}

/// The worker's side, for a binary called with [`ARG`] and then the
/// memory (bytes) and CPU (seconds) limits: limits itself, reads a PDF on
/// standard input, writes the answer on standard output.
pub fn serve(args: &[OsString]) -> ExitCode {
    let limit = |i: usize| args.get(i).and_then(|a| a.to_str()?.parse::<u64>().ok());
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        // A limit that cannot be set leaves the timeout as the bound.
        if let Some(bytes) = limit(0) {
            let _ = setrlimit(
                Resource::As,
                Rlimit {
                    current: Some(bytes),
                    maximum: Some(bytes),
                },
            );
        }
        if let Some(seconds) = limit(1) {
            let _ = setrlimit(
                Resource::Cpu,
                Rlimit {
                    current: Some(seconds),
                    maximum: Some(seconds),
                },
            );
        }
    }
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(2);
    }
    let answer = super::extract_in_process(&bytes, &Limits::default());
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(&encode_answer(&answer)).is_err() || stdout.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        for a in [
            Ok("§ 1 Val\n\x0c§ 2".to_string()),
            Err(PdfError::NoText),
            Err(PdfError::Encrypted),
            Err(PdfError::Broken("page 2: x".into())),
            Err(PdfError::Limit("more than 10 pages".into())),
        ] {
            assert_eq!(decode_answer(&encode_answer(&a)), Some(a));
        }
        assert_eq!(decode_answer(b""), None);
        assert_eq!(decode_answer(b"Xjunk"), None);
    }
}
