//! `paragraf search QUERY` and `paragraf show MEETING_ID NUMBER`.

use super::location::{IndexArg, IndexLocation, open_for_reading};
use super::terminal::{shell_quote, stdout_width, wrap};
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use clap::Args;
use paragraf::search::{Hit, SearchRequest, SearchResults, Sort};
use paragraf::{DecisionKind, Meeting, Paragraph};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) const BOLD: Style = Style::new().bold();
const MATCH: Style = AnsiColor::Red.on_default().bold();
pub(super) const DIM: Style = Style::new().dimmed();
const NUMBER: Style = AnsiColor::Green.on_default().bold();

/// Arguments of `paragraf search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (§ with all of them first, then most of them),
    /// "a phrase", +must, -exclude, AND, OR, NOT, prefix*, and field:value
    /// with the fields title, clause, body, case, organ, organisation,
    /// party, person (named in the §), attended (at the meeting), reserved
    /// and moved (a party or person: reserved:SD, moved:"Anna Andersson"),
    /// vote (close: ja and nej at most 5 apart; any). Dates, organs,
    /// parties and case numbers in the words are understood. It may begin
    /// with `-` ("-budget kommun").
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    query: String,
    #[command(flatten)]
    index: IndexArg,
    /// Number of hits to show (0: only count them).
    #[arg(short = 'n', long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    filters: FilterArgs,
    /// Rank recent meetings higher.
    #[arg(long)]
    recent: bool,
    /// Count hits by organisation, organ and year.
    #[arg(long)]
    facets: bool,
    /// Order of the hits: relevance (equal scores newest first), date
    /// (oldest first) or -date (newest first).
    #[arg(
        long,
        value_name = "ORDER",
        default_value = "relevance",
        allow_hyphen_values = true
    )]
    sort: Sort,
    /// Count every matching paragraph. By default counting stops at
    /// 10,000 ("10000+ hits"), which keeps searches for common words fast.
    #[arg(long)]
    count_all: bool,
    /// Print JSON: {"total", "total_exact", "hits": [...], "facets"}.
    #[arg(short = 'j', long)]
    json: bool,
}

/// The filters of `paragraf search` (and of saved searches).
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Earliest meeting date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Latest meeting date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only meetings of this organ (e.g. "kommunstyrelsen").
    #[arg(long)]
    organ: Option<String>,
    /// Only meetings of this organisation (e.g. "Region Örebro län").
    #[arg(long)]
    organisation: Option<String>,
    /// Only paragraphs with this case number.
    #[arg(long = "case", value_name = "CASE_NUMBER")]
    case_number: Option<String>,
}

impl FilterArgs {
    /// A request for `query` with these filters and the defaults otherwise.
    pub fn request(self, query: String) -> SearchRequest {
        SearchRequest {
            from: self.from,
            to: self.to,
            organ: self.organ,
            organisation: self.organisation,
            case: self.case_number,
            ..SearchRequest::new(query)
        }
    }
}

/// The resolved configuration of `paragraf search`.
#[derive(Debug)]
pub struct SearchConfig {
    /// Index folder.
    pub index: IndexLocation,
    /// The library request.
    pub request: SearchRequest,
    /// JSON output.
    pub json: bool,
}

impl SearchArgs {
    /// Resolves the arguments.
    pub fn resolve(self) -> Result<SearchConfig> {
        Ok(SearchConfig {
            index: self.index.location()?,
            request: SearchRequest {
                limit: self.limit,
                offset: self.offset,
                recent: self.recent,
                facets: self.facets,
                sort: self.sort,
                count_limit: if self.count_all {
                    None
                } else {
                    Some(paragraf::search::TOTAL_COUNT_LIMIT)
                },
                ..self.filters.request(self.query)
            },
            json: self.json,
        })
    }
}

/// Runs `paragraf search`.
pub fn run(cfg: SearchConfig) -> Result<u8> {
    let reading = open_for_reading(&cfg.index)?;
    let results = reading.index.search(&cfg.request)?;
    let mut out = anstream::stdout().lock();
    if cfg.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        let layout = HitLayout {
            width: stdout_width(),
            index_option: reading.index_option.clone(),
        };
        print_results(&mut out, &cfg.request, &results, &layout)?;
    }
    out.flush()?;
    Ok(if results.total > 0 {
        super::exit::FOUND
    } else {
        super::exit::NOTHING
    })
}

/// How hits are laid out: the width to wrap to (a terminal's) and the
/// `--index` that printed `paragraf show` lines need.
#[derive(Debug, Clone, Default)]
pub(super) struct HitLayout {
    /// Wrap to this many columns; `None` for pipes and files.
    pub width: Option<usize>,
    /// The index folder the user named, if any.
    pub index_option: Option<PathBuf>,
}

/// The `paragraf show` command line of a §, runnable as printed.
pub(super) fn show_command(meeting_id: &str, number: u32, index: Option<&Path>) -> String {
    let index = index
        .map(|dir| format!(" --index {}", shell_quote(&dir.to_string_lossy())))
        .unwrap_or_default();
    format!("paragraf show {} {number}{index}", shell_quote(meeting_id))
}

pub(super) fn meeting_line(m: &Meeting) -> String {
    [
        m.organisation.as_deref(),
        m.organ.as_deref(),
        m.date.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

pub(super) fn decision_line(d: &paragraf::Decision) -> Option<String> {
    let kind = match d.kind {
        DecisionKind::Decision => "decision".to_string(),
        DecisionKind::Proposal => match &d.proposed_to {
            Some(to) => format!("proposal to {to}"),
            None => "proposal".to_string(),
        },
        DecisionKind::Information => return Some("information".into()),
        DecisionKind::Other => return None,
    };
    let first = match d.clauses.first() {
        Some(_) => clause_as_printed(d, 0),
        None => d
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string(),
    };
    Some(format!("{kind}: {}", truncate(&first, 140)))
}

/// Clause `i` of a decision as the minutes print it: "att …", "2. …", or
/// the statement itself.
pub(super) fn clause_as_printed(d: &paragraf::Decision, i: usize) -> String {
    let c = d.clauses.get(i).map_or("", String::as_str);
    match d.form {
        paragraf::protocol::ClauseForm::Att => format!("att {c}"),
        paragraf::protocol::ClauseForm::Numbered => format!("{}. {c}", i + 1),
        paragraf::protocol::ClauseForm::Statement => c.to_string(),
    }
}

/// "§ 78 Title  [case]", styled.
/// ", p. 14" after a source file, so a reader can open it at the § page.
pub(super) fn page_suffix(page: Option<u32>) -> String {
    page.map(|p| format!(", p. {p}")).unwrap_or_default()
}

pub(super) fn heading(number: u32, title: &str, case: Option<&str>) -> String {
    let case = case.map(|c| format!("  [{c}]")).unwrap_or_default();
    format!("{NUMBER}§ {number}{NUMBER:#} {BOLD}{title}{BOLD:#}{case}")
}

fn truncate(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// What the first line says of the hits shown: nothing when all are,
/// "(showing 11–20)" for a page, and that there are none at an offset past
/// the last.
fn showing(req: &SearchRequest, r: &SearchResults) -> String {
    let shown = r.hits.len();
    if req.limit == 0 || r.total == 0 || (req.offset == 0 && shown >= r.total) {
        String::new()
    } else if shown == 0 {
        format!(" (none from {} on)", req.offset + 1)
    } else {
        format!(" (showing {}–{})", req.offset + 1, req.offset + shown)
    }
}

fn print_results(
    out: &mut impl Write,
    req: &SearchRequest,
    r: &SearchResults,
    layout: &HitLayout,
) -> Result<()> {
    writeln!(
        out,
        "{BOLD}{}{} {} for \"{}\"{BOLD:#}{}",
        r.total,
        if r.total_exact { "" } else { "+" },
        if r.total == 1 { "hit" } else { "hits" },
        req.query,
        showing(req, r)
    )?;
    if !r.understood.summary.is_empty() {
        writeln!(out, "{DIM}understood: {}{DIM:#}", r.understood.summary)?;
    }
    for (i, hit) in r.hits.iter().enumerate() {
        print_hit(out, req.offset + i + 1, hit, layout)?;
    }
    if let Some(f) = &r.facets {
        writeln!(out)?;
        for (name, counts) in [
            ("organisation", &f.organisation),
            ("organ", &f.organ),
            ("year", &f.year),
        ] {
            let list: Vec<String> = counts.iter().map(|(k, v)| format!("{k} ({v})")).collect();
            writeln!(out, "{BOLD}{name}:{BOLD:#} {}", list.join(", "))?;
        }
    }
    Ok(())
}

/// One hit: heading, meeting, decision, snippet, a `paragraf show` line
/// that runs as printed, and the source file on a line of its own. On a
/// terminal, lines wrap to its width with their indentation kept.
pub(super) fn print_hit(
    out: &mut impl Write,
    rank: usize,
    hit: &Hit,
    layout: &HitLayout,
) -> Result<()> {
    const INDENT: &str = "    ";
    let p = &hit.paragraph;
    let w = layout.width;
    writeln!(out)?;
    let title = if hit.title.highlights.is_empty() {
        p.title.clone()
    } else {
        marked(&hit.title.text, &hit.title.highlights)
    };
    let heading = heading(p.number, &title, p.case_number.as_deref());
    writeln!(
        out,
        "{}",
        wrap(&heading, w, &format!("{rank:>2}. "), INDENT)
    )?;
    let coverage = match hit.coverage {
        Some(c) if c.matched < c.of => format!(" · {} of {} words", c.matched, c.of),
        _ => String::new(),
    };
    let meeting = format!(
        "{} {DIM}· score {:.2}{coverage}{DIM:#}",
        meeting_line(&hit.meeting),
        hit.score
    );
    writeln!(out, "{}", wrap(&meeting, w, INDENT, INDENT))?;
    if let Some(d) = decision_line(&p.decision) {
        writeln!(out, "{}", wrap(&d, w, INDENT, INDENT))?;
    }
    // The snippet on one line, matches highlighted.
    let s = &hit.snippet;
    let line = marked(&s.text, &s.highlights);
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.is_empty() {
        writeln!(out, "{}", wrap(&line, w, INDENT, INDENT))?;
    }
    // Whole lines, never wrapped: they are pasted.
    let show = show_command(&hit.meeting.id, p.number, layout.index_option.as_deref());
    writeln!(out, "{INDENT}{DIM}{show}{DIM:#}")?;
    writeln!(
        out,
        "{INDENT}{DIM}{}{}{DIM:#}",
        hit.source,
        page_suffix(p.page)
    )?;
    Ok(())
}

/// `text` with its byte ranges `highlights` in the match style.
fn marked(text: &str, highlights: &[(usize, usize)]) -> String {
    let mut line = String::new();
    let mut at = 0;
    for &(a, b) in highlights {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        line.push_str(&text[at..a]);
        line.push_str(&format!("{MATCH}{}{MATCH:#}", &text[a..b]));
        at = b;
    }
    line.push_str(&text[at..]);
    line
}

/// Arguments of `paragraf show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Meeting id, as search results give it.
    meeting_id: String,
    /// § number.
    number: u32,
    #[command(flatten)]
    index: IndexArg,
    /// Print JSON: {"meeting": {...}, "paragraph": {...}}.
    #[arg(short = 'j', long)]
    json: bool,
}

/// One whole § with its meeting: the JSON of `paragraf show` (and of
/// `paragraf serve`'s `/api/paragraph`).
#[derive(serde::Serialize)]
pub(super) struct Shown {
    /// The meeting.
    pub meeting: Meeting,
    /// The §.
    pub paragraph: Paragraph,
}

/// Runs `paragraf show`.
pub fn show(args: ShowArgs) -> Result<u8> {
    let index = open_for_reading(&args.index.location()?)?.index;
    let Some((meeting, para)) = index.paragraph(&args.meeting_id, args.number)? else {
        eprintln!(
            "paragraf: no § {} in meeting {}",
            args.number, args.meeting_id
        );
        return Ok(super::exit::NOTHING);
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &super::json::versioned(Shown {
                meeting,
                paragraph: para,
            }),
        )?;
        writeln!(out)?;
        return Ok(super::exit::FOUND);
    }
    writeln!(out, "{BOLD}{}{BOLD:#}", meeting_line(&meeting))?;
    if let Some(place) = &meeting.place {
        writeln!(out, "{place}")?;
    }
    writeln!(
        out,
        "{DIM}{}{}{DIM:#}",
        meeting.source,
        page_suffix(para.page)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        heading(para.number, &para.title, para.case_number.as_deref())
    )?;
    writeln!(out)?;
    writeln!(out, "{}", para.body)?;
    super::positions::write_summary(&mut out, &para)?;
    out.flush()?;
    Ok(super::exit::FOUND)
}
