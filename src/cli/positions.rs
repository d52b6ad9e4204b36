//! `paragraf positions`: the § where a party or a person moved, reserved,
//! noted, declared a conflict or abstained, and a summary by party × kind.

use super::location::{IndexArg, IndexLocation, open_existing};
use super::search::{heading, meeting_line, show_command};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use paragraf::PositionKind;
use paragraf::index::{PositionFilter, PositionMatch};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// A kind of position, as the command line names it.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    /// Motions (yrkanden).
    Motion,
    /// Reservations.
    Reservation,
    /// Notes in the minutes (protokollsanteckningar).
    Note,
    /// Conflicts of interest (jäv).
    Conflict,
    /// Not taking part in the decision.
    Abstain,
}

impl From<KindArg> for PositionKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Motion => PositionKind::Motion,
            KindArg::Reservation => PositionKind::Reservation,
            KindArg::Note => PositionKind::Note,
            KindArg::Conflict => PositionKind::Conflict,
            KindArg::Abstain => PositionKind::Abstain,
        }
    }
}

/// What the summary counts by, besides party and kind.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq)]
enum By {
    /// The meeting's year.
    Year,
    /// The body that met.
    Organ,
}

/// Arguments of `paragraf positions`.
#[derive(Debug, Args)]
pub struct PositionsArgs {
    /// Only positions of this party, as the minutes abbreviate it (S, M, SD,
    /// C, V, KD, L, MP, or a local party): a whole group or a person of it.
    #[arg(long, value_name = "PARTY")]
    party: Option<String>,
    /// Only positions naming this person (a name or a part of one).
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only positions of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only meetings on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only meetings on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Count the summary by year or by organ too.
    #[arg(long, value_enum)]
    by: Option<By>,
    /// Print only the summary table.
    #[arg(long)]
    summary: bool,
    /// Print JSON: the § with their matching positions and votes, and the summary.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexArg,
}

/// The resolved configuration of `paragraf positions`.
#[derive(Debug)]
pub struct PositionsConfig {
    index: IndexLocation,
    filter: PositionFilter,
    by: Option<By>,
    summary: bool,
    json: bool,
}

fn date_arg(flag: &str, d: Option<String>) -> Result<Option<String>> {
    let Some(d) = d else { return Ok(None) };
    let ok = [4, 7, 10].contains(&d.len())
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok {
        bail!("{flag} {d:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    }
    Ok(Some(d))
}

impl PositionsArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<PositionsConfig> {
        Ok(PositionsConfig {
            index: self.index.location()?,
            filter: PositionFilter {
                party: self.party,
                person: self.person,
                kind: self.kind.map(Into::into),
                from: date_arg("--from", self.from)?,
                to: date_arg("--to", self.to)?,
            },
            by: self.by,
            summary: self.summary,
            json: self.json,
        })
    }
}

fn kind_name(k: PositionKind) -> &'static str {
    match k {
        PositionKind::Motion => "motion",
        PositionKind::Reservation => "reservation",
        PositionKind::Note => "note",
        PositionKind::Conflict => "conflict",
        PositionKind::Abstain => "abstain",
    }
}

const KINDS: [PositionKind; 5] = [
    PositionKind::Motion,
    PositionKind::Reservation,
    PositionKind::Note,
    PositionKind::Conflict,
    PositionKind::Abstain,
];

/// One row of the summary.
#[derive(Serialize)]
struct Count {
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    party: String,
    kind: &'static str,
    count: usize,
}

/// (by, party) → count per kind: a position counts once for each of its
/// parties (a person without a known party as "?"); with `--party`, only for that one.
fn summary(
    matches: &[PositionMatch],
    cfg: &PositionsConfig,
) -> BTreeMap<(String, String), [usize; 5]> {
    let mut rows: BTreeMap<(String, String), [usize; 5]> = BTreeMap::new();
    for m in matches {
        let by = match cfg.by {
            Some(By::Year) => m
                .meeting
                .date
                .as_deref()
                .and_then(|d| d.get(..4))
                .unwrap_or("?"),
            Some(By::Organ) => m.meeting.organ.as_deref().unwrap_or("?"),
            None => "",
        };
        for &i in &m.matching {
            let p = &m.paragraph.positions[i];
            let k = KINDS.iter().position(|k| *k == p.kind).unwrap_or(0);
            let mut parties = p.all_parties();
            if parties.is_empty() {
                parties.push("?");
            }
            for party in parties {
                if cfg
                    .filter
                    .party
                    .as_deref()
                    .is_some_and(|f| !f.eq_ignore_ascii_case(party))
                {
                    continue;
                }
                rows.entry((by.to_string(), party.to_string())).or_default()[k] += 1;
            }
        }
    }
    rows
}

/// Who a position names, short: "SD", "Axel Josefson (M), Hampus Magnusson (M)".
fn who(p: &paragraf::Position) -> String {
    let mut parts: Vec<String> = p.parties.clone();
    parts.extend(p.persons.iter().map(|q| match &q.party {
        Some(party) => format!("{} ({party})", q.name),
        None => q.name.clone(),
    }));
    parts.join(", ")
}

/// The positions and votes of a § under its text (for `show`): one line each.
pub(super) fn write_summary(out: &mut impl Write, p: &paragraf::Paragraph) -> std::io::Result<()> {
    if p.positions.is_empty() && p.votes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Positions")?;
    for pos in &p.positions {
        let direction = pos
            .direction
            .map(|d| {
                format!(
                    " ({})",
                    serde_json::to_value(d)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<11}  {}{direction}",
            kind_name(pos.kind),
            who(pos)
        )?;
    }
    for v in &p.votes {
        writeln!(out, "  {:<11}  {}", "vote", vote_line(v))?;
    }
    Ok(())
}

/// "43 ja, 38 nej, 7 avstår, 2 frånvarande".
fn vote_line(v: &paragraf::Vote) -> String {
    let mut line = format!(
        "{} ja, {} nej",
        v.yes.map_or("?".into(), |n| n.to_string()),
        v.no.map_or("?".into(), |n| n.to_string())
    );
    if let Some(a) = v.abstained {
        line.push_str(&format!(", {a} avstår"));
    }
    if let Some(a) = v.absent {
        line.push_str(&format!(", {a} frånvarande"));
    }
    line
}

/// Runs `paragraf positions`.
pub fn run(cfg: PositionsConfig) -> Result<u8> {
    let index = open_existing(&cfg.index)?;
    let matches = index.positions(&cfg.filter)?;
    let rows = summary(&matches, &cfg);
    let mut out = anstream::stdout().lock();
    if cfg.json {
        #[derive(Serialize)]
        struct Item<'a> {
            meeting_id: &'a str,
            organisation: Option<&'a str>,
            organ: Option<&'a str>,
            date: Option<&'a str>,
            number: u32,
            title: &'a str,
            positions: Vec<&'a paragraf::Position>,
            votes: &'a [paragraf::Vote],
        }
        #[derive(Serialize)]
        struct Output<'a> {
            paragraphs: Vec<Item<'a>>,
            summary: Vec<Count>,
        }
        let paragraphs = matches
            .iter()
            .map(|m| Item {
                meeting_id: &m.meeting.id,
                organisation: m.meeting.organisation.as_deref(),
                organ: m.meeting.organ.as_deref(),
                date: m.meeting.date.as_deref(),
                number: m.paragraph.number,
                title: &m.paragraph.title,
                positions: m
                    .matching
                    .iter()
                    .map(|&i| &m.paragraph.positions[i])
                    .collect(),
                votes: &m.paragraph.votes,
            })
            .collect();
        let summary = rows
            .iter()
            .flat_map(|((by, party), counts)| {
                KINDS
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| **n > 0)
                    .map(|(k, n)| Count {
                        by: cfg.by.map(|_| by.clone()),
                        party: party.clone(),
                        kind: kind_name(*k),
                        count: *n,
                    })
            })
            .collect();
        serde_json::to_writer_pretty(
            &mut out,
            &super::json::versioned(Output {
                paragraphs,
                summary,
            }),
        )?;
        writeln!(out)?;
    } else {
        if !cfg.summary {
            for m in &matches {
                writeln!(out, "{}", meeting_line(&m.meeting))?;
                let p = &m.paragraph;
                writeln!(
                    out,
                    "  {}",
                    heading(p.number, &p.title, p.case_number.as_deref())
                )?;
                for &i in &m.matching {
                    let pos = &p.positions[i];
                    writeln!(
                        out,
                        "    {:<11}  {}: {}",
                        kind_name(pos.kind),
                        who(pos),
                        pos.text
                    )?;
                }
                for v in &p.votes {
                    writeln!(out, "    {:<11}  {}", "vote", vote_line(v))?;
                }
                writeln!(out, "    {}", show_command(&m.meeting.id, p.number, None))?;
            }
            if !matches.is_empty() {
                writeln!(out)?;
            }
        }
        let by_label = match cfg.by {
            Some(By::Year) => "year",
            Some(By::Organ) => "organ",
            None => "",
        };
        let by_width = rows
            .keys()
            .map(|(b, _)| b.chars().count())
            .max()
            .unwrap_or(0)
            .max(by_label.len());
        let mut head = String::new();
        if cfg.by.is_some() {
            head.push_str(&format!("{by_label:<by_width$}  "));
        }
        head.push_str(&format!("{:<6}", "party"));
        for k in KINDS {
            head.push_str(&format!("  {:>11}", kind_name(k)));
        }
        writeln!(out, "{}", head.trim_end())?;
        for ((by, party), counts) in &rows {
            let mut line = String::new();
            if cfg.by.is_some() {
                line.push_str(&format!("{by:<by_width$}  "));
            }
            line.push_str(&format!("{party:<6}"));
            for n in counts {
                line.push_str(&format!("  {n:>11}"));
            }
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{} § with matching positions", matches.len())?;
    }
    out.flush()?;
    Ok(if matches.is_empty() {
        super::exit::NOTHING
    } else {
        super::exit::FOUND
    })
}
