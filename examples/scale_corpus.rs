//! The corpus scaler: writes a deterministic archive of N § by recombining
//! real paragraphs (the shared Göteborg corpus and the seeds) under new
//! organisations, organs, meeting dates, case numbers and § numbers, with
//! page headers and form feeds as real protocols have them.
//!
//! ```sh
//! cargo run --release --example scale_corpus -- --paragraphs 10000 --out target/bench-data/10k
//! ```
//!
//! The same `--seed` and source give the same archive, byte for byte.

use clap::Parser;
use paragraf::protocol::{FolderMeta, parse_file_with};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Writes a scaled archive of protocols.
#[derive(Parser)]
struct Args {
    /// Number of § to write.
    #[arg(long)]
    paragraphs: usize,
    /// Output folder (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The shared folder with corpus/real/goteborg and protocols/seeds.
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
}

const ORGANISATIONS: &[(&str, &str)] = &[
    ("Göteborgs Stad", "SLK"),
    ("Region Örebro län", "RS"),
    ("Region Västernorrland", "RS"),
    ("Malmö stad", "KS"),
    ("Uppsala kommun", "KSN"),
    ("Region Skåne", "RS"),
    ("Umeå kommun", "KS"),
    ("Linköpings kommun", "KS"),
    ("Region Stockholm", "RS"),
    ("Sundsvalls kommun", "KS"),
    ("Luleå kommun", "KS"),
    ("Region Västra Götaland", "RS"),
    ("Västerås stad", "KS"),
    ("Jönköpings kommun", "KS"),
    ("Helsingborgs stad", "KS"),
    ("Region Uppsala", "RS"),
];

const ORGANS: &[&str] = &[
    "Kommunstyrelsen",
    "Kommunfullmäktige",
    "Kommunstyrelsens arbetsutskott",
    "Byggnadsnämnden",
    "Socialnämnden",
    "Utbildningsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Kultur- och fritidsnämnden",
    "Regionstyrelsen",
    "Regionfullmäktige",
    "Hälso- och sjukvårdsnämnden",
    "Regionstyrelsens arbetsutskott",
    "Tekniska nämnden",
    "Äldrenämnden",
];

struct Source {
    title: String,
    lines: Vec<String>,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn load(shared: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    for dir in [
        shared.join("corpus/real/goteborg"),
        shared.join("protocols/seeds"),
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("reading the source corpus").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let p = parse_file_with(&f, &FolderMeta::default()).expect("the source corpus parses");
            for para in p.paragraphs {
                let lines: Vec<String> = para
                    .body
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('§'))
                    .map(str::to_string)
                    .collect();
                if !para.title.is_empty() && !lines.is_empty() {
                    out.push(Source {
                        title: para.title,
                        lines,
                    });
                }
            }
        }
    }
    out
}

fn main() {
    let args = Args::parse();
    let sources = load(&args.shared);
    assert!(!sources.is_empty(), "no source paragraphs");
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        panic!("{} exists and is not empty", args.out.display());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let base = time::Date::from_calendar_date(2015, time::Month::January, 1).expect("a date");
    let mut remaining = args.paragraphs;
    let (mut files, mut bytes, mut case_seq) = (0usize, 0usize, 0u32);
    while remaining > 0 {
        let &(org, prefix) = ORGANISATIONS.choose(&mut rng).expect("organisations");
        let organ = *ORGANS.choose(&mut rng).expect("organs");
        let date = base + time::Duration::days(rng.random_range(0..4380));
        let date_s = format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        );
        let count = remaining.min(rng.random_range(20..=70));
        let first = rng.random_range(1..400u32);
        let dir = args.out.join(slug(org)).join(slug(organ));
        if !dir.exists() {
            std::fs::create_dir_all(&dir).expect("creating the output folder");
            std::fs::write(
                dir.join("paragraf.toml"),
                format!("organisation = \"{org}\"\norgan = \"{organ}\"\n"),
            )
            .expect("writing paragraf.toml");
        }
        let protocol_nr = rng.random_range(1..30);
        let mut text = format!("{organ}\n{org}\nSammanträdesdatum: {date_s}\n\n");
        let mut page = 1;
        let mut lines_on_page = 0;
        for k in 0..count as u32 {
            let src = sources.choose(&mut rng).expect("sources");
            case_seq += 1;
            let _ = writeln!(
                text,
                "§ {} Ärendenummer {prefix}-{}-{:05}\n{}",
                first + k,
                date.year(),
                case_seq % 100_000,
                src.title
            );
            let mut body: Vec<&str> = src.lines.iter().map(String::as_str).collect();
            // Vary: splice a run of lines from another paragraph.
            if rng.random_bool(0.5) {
                let other = sources.choose(&mut rng).expect("sources");
                let start = rng.random_range(0..other.lines.len());
                let end = (start + rng.random_range(1..=8)).min(other.lines.len());
                let at = rng.random_range(0..=body.len());
                body.splice(at..at, other.lines[start..end].iter().map(String::as_str));
            }
            for line in body {
                text.push_str(line);
                text.push('\n');
                lines_on_page += 1;
                if lines_on_page >= 55 {
                    page += 1;
                    lines_on_page = 0;
                    let _ = write!(
                        text,
                        "\n{page} (99)\n\x0c{organ}\n\nProtokoll nr {protocol_nr}\nSammanträdesdatum: {date_s}\n\n"
                    );
                }
            }
            text.push('\n');
        }
        files += 1;
        bytes += text.len();
        let name = format!("{}_{}_{}_{:06}.txt", slug(org), slug(organ), date_s, files);
        std::fs::write(dir.join(name), text).expect("writing a protocol");
        remaining -= count;
    }
    println!(
        "{} §, {files} files, {:.1} MB in {}",
        args.paragraphs,
        bytes as f64 / 1e6,
        args.out.display()
    );
}
