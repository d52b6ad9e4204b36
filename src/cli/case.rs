//! `paragraf case CASE_NUMBER`: a case's path through the decision chain.

use super::location::{IndexArg, IndexLocation, open_for_reading};
use super::search::{BOLD, DIM, decision_line, heading, meeting_line, show_command};
use anyhow::Result;
use clap::Args;
use paragraf::{CaseStep, CaseThread, Cited, Meeting};
use std::io::Write;
use std::path::Path;

/// Arguments of `paragraf case`.
#[derive(Debug, Args)]
pub struct CaseArgs {
    /// The case number (diarienummer), e.g. SLK-2024-00062 or "KS 2024/0123";
    /// case, separators and leading zeros do not matter.
    #[arg(value_name = "CASE_NUMBER")]
    case_number: String,
    #[command(flatten)]
    index: IndexArg,
    /// Print JSON: {"case_number", "steps": [...], "references": [...]}.
    #[arg(short = 'j', long)]
    json: bool,
}

/// The resolved configuration of `paragraf case`.
#[derive(Debug)]
pub struct CaseConfig {
    /// Index folder.
    pub index: IndexLocation,
    /// The case number.
    pub case_number: String,
    /// JSON output.
    pub json: bool,
}

impl CaseArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<CaseConfig> {
        Ok(CaseConfig {
            index: self.index.location()?,
            case_number: self.case_number,
            json: self.json,
        })
    }
}

/// Runs `paragraf case`.
pub fn run(cfg: CaseConfig) -> Result<u8> {
    let reading = open_for_reading(&cfg.index)?;
    let thread = reading.index.case(&cfg.case_number)?;
    let mut out = anstream::stdout().lock();
    if cfg.json {
        serde_json::to_writer_pretty(&mut out, &thread)?;
        writeln!(out)?;
    } else {
        print_thread(&mut out, &thread, reading.index_option.as_deref())?;
    }
    out.flush()?;
    Ok(if thread.steps.is_empty() && thread.references.is_empty() {
        super::exit::NOTHING
    } else {
        super::exit::FOUND
    })
}

fn step_meeting(s: &CaseStep) -> Meeting {
    Meeting {
        organisation: s.organisation.clone(),
        organ: s.organ.clone(),
        date: s.date.clone(),
        ..Meeting::default()
    }
}

fn print_step(out: &mut impl Write, rank: usize, s: &CaseStep, index: Option<&Path>) -> Result<()> {
    let p = &s.paragraph;
    writeln!(out)?;
    writeln!(out, "{rank:>2}. {}", meeting_line(&step_meeting(s)))?;
    writeln!(
        out,
        "    {}",
        heading(p.number, &p.title, p.case_number.as_deref())
    )?;
    if let Some(d) = decision_line(&p.decision) {
        writeln!(out, "    {d}")?;
    }
    for c in p.decision.clauses.iter().skip(1) {
        writeln!(out, "      att {c}")?;
    }
    let show = show_command(&s.meeting_id, p.number, index);
    writeln!(out, "    {DIM}{show}{DIM:#}")?;
    Ok(())
}

fn print_thread(out: &mut impl Write, t: &CaseThread, index: Option<&Path>) -> Result<()> {
    let meetings = {
        let mut ids: Vec<&str> = t.steps.iter().map(|s| s.meeting_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    writeln!(
        out,
        "{BOLD}Case {}: {} § in {}, {}{BOLD:#}",
        t.case_number,
        t.steps.len(),
        super::plural(meetings, "meeting", "meetings"),
        super::plural(t.references.len(), "reference", "references"),
    )?;
    for (i, s) in t.steps.iter().enumerate() {
        print_step(out, i + 1, s, index)?;
    }
    if !t.references.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}Referred to by{BOLD:#}")?;
        for (i, r) in t.references.iter().enumerate() {
            print_step(out, i + 1, &r.step, index)?;
            let what = match &r.cites {
                Cited::CaseNumber => "mentions the case number".to_string(),
                Cited::Paragraph { meeting_id, number } => {
                    format!("cites § {number} of {meeting_id}")
                }
            };
            writeln!(out, "    {DIM}{what}:{DIM:#} {}", r.excerpt)?;
        }
    }
    Ok(())
}
