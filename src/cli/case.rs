//! `paragraf case CASE_NUMBER`: a case's path through the decision chain.

use super::location::{IndexArg, IndexLocation, open_for_reading};
use super::search::{
    BOLD, DIM, HitLayout, clause_as_printed, decision_line, heading, meeting_line, show_command,
};
use super::terminal::{stdout_width, wrap};
use anyhow::Result;
use clap::Args;
use paragraf::{CaseStep, CaseThread, Cited, Meeting};
use std::io::Write;

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
        serde_json::to_writer_pretty(&mut out, &super::json::versioned(&thread))?;
        writeln!(out)?;
    } else {
        let layout = HitLayout {
            width: stdout_width(),
            index_option: reading.index_option.clone(),
        };
        print_thread(&mut out, &thread, &layout)?;
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

/// One step: on a terminal, its lines wrap to its width with their indent.
fn print_step(out: &mut impl Write, rank: usize, s: &CaseStep, layout: &HitLayout) -> Result<()> {
    const INDENT: &str = "    ";
    let (p, w) = (&s.paragraph, layout.width);
    writeln!(out)?;
    let meeting = meeting_line(&step_meeting(s));
    writeln!(
        out,
        "{}",
        wrap(&meeting, w, &format!("{rank:>2}. "), INDENT)
    )?;
    let heading = heading(p.number, &p.title, p.case_number.as_deref());
    writeln!(out, "{}", wrap(&heading, w, INDENT, INDENT))?;
    if let Some(d) = decision_line(&p.decision) {
        writeln!(out, "{}", wrap(&d, w, INDENT, INDENT))?;
    }
    for i in 1..p.decision.clauses.len() {
        writeln!(
            out,
            "{}",
            wrap(&clause_as_printed(&p.decision, i), w, "      ", "        ")
        )?;
    }
    let show = show_command(&s.meeting_id, p.number, layout.index_option.as_deref());
    writeln!(out, "    {DIM}{show}{DIM:#}")?;
    Ok(())
}

fn print_thread(out: &mut impl Write, t: &CaseThread, layout: &HitLayout) -> Result<()> {
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
        print_step(out, i + 1, s, layout)?;
    }
    if !t.references.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}Referred to by{BOLD:#}")?;
        for (i, r) in t.references.iter().enumerate() {
            print_step(out, i + 1, &r.step, layout)?;
            let what = match &r.cites {
                Cited::CaseNumber => "mentions the case number".to_string(),
                Cited::Paragraph { meeting_id, number } => {
                    format!("cites § {number} of {meeting_id}")
                }
            };
            let line = format!("{DIM}{what}:{DIM:#} {}", r.excerpt);
            writeln!(out, "{}", wrap(&line, layout.width, "    ", "    "))?;
        }
    }
    Ok(())
}
