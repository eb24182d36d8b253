//! What a reserved scoring session reports: each member's marks with their reasons, the
//! means, the points before and after riparametrazione, and the co-financing table.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};
use ustr::Ustr;

use super::{MEAN_DECIMALS, outcome_code, outcome_from_code};
use crate::domain::{
    Application, Coefficient, Criterion, CriterionId, LotId, Measure, MemberId, Money, Protocol,
    Score, Scoring, Workspace,
};
use crate::rules::marks::{Cells, Columns};
use crate::rules::{self, ApplicationResult, Check, Evaluation, Gap, Outcome, Ratio};

/// Seduta riservata di valutazione.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringRecord {
    /// Every criterion, groups and leaves, depth first.
    pub criteria: Vec<CriterionInfo>,
    pub judgement_scale: Vec<JudgementInfo>,
    pub overall_min: Option<Decimal>,
    pub rescale_totals: bool,
    pub decimals: u32,
    pub lots: Vec<LotScoring>,
    /// The call says the commission gives one collegial mark per criterion, which counts in
    /// place of the members' mean (not written when it does not, so that a record kept by an
    /// earlier version reads back to the same bytes).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collegial_mark: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionInfo {
    pub id: CriterionId,
    pub title: String,
    pub max: Decimal,
    pub min: Option<Decimal>,
    pub rescale: bool,
    pub method: Method,
    /// 0 for a top-level criterion, 1 for its sub-criteria…
    pub depth: u32,
}

/// The most points an application can have: the top-level criteria's maxima added up.
pub fn max_total(criteria: &[CriterionInfo]) -> Decimal {
    criteria
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.max)
        .sum()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Method {
    Coefficient,
    Points,
    /// The measure, in Italian: "quota di co-finanziamento oltre il minimo".
    Linear {
        measure: String,
        percent: bool,
    },
    Levels,
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgementInfo {
    pub label: String,
    pub coefficient: Coefficient,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotScoring {
    pub lot: LotId,
    /// The admitted applications, by protocol.
    pub applications: Vec<ApplicationScoring>,
    /// Every application of the lot, by protocol.
    pub cofinancing: Vec<CofinancingRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationScoring {
    pub protocol: Protocol,
    pub applicant: String,
    pub title: String,
    /// Members who declared a conflict and abstain.
    pub abstained: Vec<MemberId>,
    /// In the order of `ScoringRecord::criteria`.
    pub criteria: Vec<CriterionResult>,
    pub total_before_rescaling: Option<Decimal>,
    pub total: Option<Decimal>,
    /// Criterion ids, or "overall".
    pub threshold_failures: Vec<String>,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub criterion: CriterionId,
    /// Boxed slices, and the collegial mark boxed, rather than lists and the mark in place:
    /// 184 bytes a criterion rather than 240, and 190,000 of them at 10,000 applications.
    /// Written and read the same.
    pub marks: Box<[MarkRecord]>,
    pub gaps: Box<[GapRecord]>,
    /// The mean of the marks (coefficients or points), rounded to four decimals for reading.
    pub mean: Option<Decimal>,
    /// A linear criterion's measure x, rounded to six decimals for reading.
    pub measure: Option<Decimal>,
    /// A tabular criterion's declared level.
    pub level: Option<String>,
    /// V in 0..1, rounded to four decimals for reading.
    pub coefficient: Option<Decimal>,
    pub points_before_rescaling: Option<Decimal>,
    pub points: Option<Decimal>,
    /// The collegial mark that counts, where the call has one (not written otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collegial: Option<Box<CollegialMark>>,
}

/// A collegial mark as reported: the coefficient or points, and the judgement of the scale a
/// coefficient stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegialMark {
    pub value: Decimal,
    pub judgement: Option<String>,
}

/// The judgement of the call's scale a coefficient on `c` stands for ("buono").
pub(super) fn judgement_of(
    call: &crate::domain::Call,
    c: &Criterion,
    value: Decimal,
) -> Option<String> {
    match c.scoring {
        Scoring::Coefficient => Coefficient::new(value)
            .and_then(|k| call.judgement_for(k))
            .map(|j| j.label.clone()),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkRecord {
    pub member: MemberId,
    pub value: Decimal,
    /// The judgement of the scale the coefficient stands for ("buono").
    pub judgement: Option<Judgement>,
    /// Boxed rather than a `String`: 8 bytes less a mark, and no spare room.
    pub reason: Box<str>,
}

/// A judgement of the call's scale ("buono") as a mark reports it: interned as the ids are (a
/// scale has a handful of labels, a 10,000-application call 1.3 million marks), so a mark
/// holds a pointer of 8 bytes. Written as its text.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Judgement(Ustr);

impl Judgement {
    pub fn new(label: &str) -> Judgement {
        Judgement(Ustr::from(label))
    }
}

impl std::ops::Deref for Judgement {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0)
    }
}

impl std::fmt::Debug for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0.as_str(), f)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GapRecord {
    NotScored(MemberId),
    NoReason(MemberId),
    NobodyCanScore,
    NotDeclared,
    /// Only in records kept by earlier versions, which could not compute with figures beyond
    /// 128-bit fractions; the rules no longer leave such a gap.
    TooLarge,
    /// Fewer members can score it than the call requires.
    TooFewMembers {
        scorers: usize,
        required: u32,
    },
    /// The call has a collegial mark, and the commission has not given it yet.
    NoCollegialMark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CofinancingRow {
    pub protocol: Protocol,
    pub applicant: String,
    pub total_cost: Money,
    pub cash: Money,
    pub in_kind: Money,
    pub requested: Money,
    /// K / C in per cent, truncated to four decimals.
    pub share_percent: Decimal,
    /// The co-financing checks that failed, in Italian.
    pub failures: Vec<String>,
}

fn criterion_info(c: &Criterion, depth: u32, out: &mut Vec<CriterionInfo>) {
    let method = match &c.scoring {
        Scoring::Coefficient => Method::Coefficient,
        Scoring::Points { .. } => Method::Points,
        Scoring::Linear { measure } => {
            let (text, percent) = match measure {
                Measure::CofinancingShare => ("quota di co-finanziamento".to_string(), true),
                Measure::CofinancingShareAboveMinimum => (
                    "quota di co-finanziamento oltre il minimo".to_string(),
                    true,
                ),
                Measure::Declared { unit } => (unit.clone(), false),
            };
            Method::Linear {
                measure: text,
                percent,
            }
        }
        Scoring::Levels(_) => Method::Levels,
        Scoring::Subcriteria(_) => Method::Group,
    };
    out.push(CriterionInfo {
        id: c.id.clone(),
        title: c.title.clone(),
        max: c.max.value(),
        min: c.min.map(|m| m.value()),
        rescale: c.rescale,
        method,
        depth,
    });
    for sub in c.subcriteria() {
        criterion_info(sub, depth + 1, out);
    }
}

fn shown(r: Option<&Ratio>, dp: u32) -> Option<Decimal> {
    r.and_then(|r| r.round_half_up(dp).ok())
        .map(|d| d.normalize())
}

/// The record of a scoring session, copied from a workspace and an evaluation that stay.
pub(super) fn scoring(ws: &Workspace, evaluation: &Evaluation) -> ScoringRecord {
    let mut record = frame(ws);
    let all = ws.call().all_criteria();
    record.lots = ws
        .call()
        .lots
        .iter()
        .map(|lot| {
            let mut scoring = LotScoring {
                lot: lot.id.clone(),
                applications: Vec::new(),
                cofinancing: Vec::new(),
            };
            for app in ws.applications().values().filter(|a| a.lot == lot.id) {
                let Some(result) = evaluation.application(&app.protocol) else {
                    continue;
                };
                scoring.cofinancing.push(cofinancing_row(app, result));
                if let Some(scores) = &result.scores {
                    scoring
                        .applications
                        .push(application_scoring(ws, app, result, scores, &all, true));
                }
            }
            scoring
        })
        .collect();
    record
}

/// The same record from a workspace whose marks and applications were taken out and an
/// evaluation that are dropped with it, made application by application: each application,
/// its result and its findings go as soon as it is reported, and each reason comes from
/// `reasons` into the record, so that a large call's marks are never held twice and the record
/// does not grow beside the whole evaluation.
pub(super) fn scoring_taking(
    ws: &Workspace,
    applications: BTreeMap<Protocol, Application>,
    evaluation: &mut Evaluation,
    mut reasons: Reasons,
) -> std::io::Result<ScoringRecord> {
    let mut record = frame(ws);
    let call = ws.call();
    let all = call.all_criteria();
    let leaves = call.leaf_criteria();
    let columns = Columns::of(&leaves);
    record.lots = call
        .lots
        .iter()
        .map(|lot| LotScoring {
            lot: lot.id.clone(),
            applications: Vec::new(),
            cofinancing: Vec::new(),
        })
        .collect();
    for (protocol, app) in applications {
        let Some(mut result) = evaluation.applications.remove(&protocol) else {
            continue;
        };
        let Some(lot) = record.lots.iter_mut().find(|l| l.lot == app.lot) else {
            continue;
        };
        lot.cofinancing.push(cofinancing_row(&app, &result));
        if let Some(scores) = result.scores.take() {
            let mut reported = application_scoring(ws, &app, &result, &scores, &all, false);
            drop(scores);
            reasons.give(&mut reported, &columns)?;
            lot.applications.push(reported);
        }
    }
    Ok(record)
}

/// The members' reasons taken out of their sheets (see `Workspace::take_scores`), laid out
/// like the rules' table of marks: a cell per application, member and leaf criterion. The
/// marks themselves (1.3 million at 10,000 applications) are let go as their reasons are laid
/// out; each reason then goes into the record, and each application's row goes once its
/// reasons have.
pub(crate) struct Reasons {
    /// The workspace's applications in protocol order: a row's number is its place here.
    rows: Vec<Protocol>,
    /// The call's leaf criteria: a column's number is its place among them.
    width: usize,
    /// The members whose reasons were taken, in the order of a row's parts.
    members: Vec<MemberId>,
    parked: Parked,
}

/// Where the reasons wait while the evaluation is made, a row per application, each a part of
/// `width` cells per member.
enum Parked {
    Memory(Vec<Box<[Option<Box<str>>]>>),
    /// In a temporary file of their own, each cell the place and length of its text there: a
    /// large call's reasons (105 MB of text at 10,000 applications) are out of memory while
    /// the evaluation (113 MB) is made beside the rest. The system deletes the file when it
    /// is closed, and when the program ends however it ends.
    File {
        file: std::fs::File,
        spans: Vec<Box<[(u64, u32)]>>,
    },
}

impl Reasons {
    /// Reasons of more than this many bytes in all wait in a temporary file.
    pub(crate) const PARKED_FROM: usize = 16 << 20;

    /// The reasons of `taken`, in a temporary file when they are more than `file_from` bytes
    /// and the file can be written; in memory otherwise.
    pub(crate) fn new(
        ws: &Workspace,
        taken: Vec<(MemberId, Vec<Score>)>,
        file_from: usize,
    ) -> Reasons {
        let rows: Vec<&Protocol> = ws.applications().keys().collect();
        let leaves = ws.call().leaf_criteria();
        let columns = Columns::of(&leaves);
        let width = columns.width();
        let size: usize = taken
            .iter()
            .flat_map(|(_, scores)| scores)
            .map(|s| s.reason.len())
            .sum();
        let filed = (size > file_from)
            .then(|| parked_in_file(&rows, &columns, &taken).ok())
            .flatten();
        let members = taken.iter().map(|(m, _)| m.clone()).collect();
        let parked = match filed {
            Some(parked) => parked,
            None => Parked::Memory(parked_in_memory(&rows, &columns, taken)),
        };
        Reasons {
            rows: rows.into_iter().cloned().collect(),
            width,
            members,
            parked,
        }
    }

    #[cfg(test)]
    pub(crate) fn in_file(&self) -> bool {
        matches!(self.parked, Parked::File { .. })
    }

    /// Gives each mark of an application reported without reasons the reason its member
    /// wrote: the same as one reported with them. `columns` are the call's leaf criteria, as
    /// when the reasons were laid out. The application's row then goes. Fails only when the
    /// temporary file can no longer be read.
    fn give(&mut self, app: &mut ApplicationScoring, columns: &Columns) -> std::io::Result<()> {
        let Ok(row) = self.rows.binary_search(&app.protocol) else {
            return Ok(());
        };
        let width = self.width;
        let mut reasons: Vec<Option<Box<str>>> = match &mut self.parked {
            Parked::Memory(cells) => std::mem::take(&mut cells[row]).into_vec(),
            Parked::File { file, spans } => {
                read_row(file, &std::mem::take(&mut spans[row]), width)?
            }
        };
        for r in &mut app.criteria {
            let Some(column) = columns.column(r.criterion.as_str()) else {
                continue;
            };
            for m in &mut r.marks {
                if let Some(part) = self.members.iter().position(|id| id == &m.member)
                    && let Some(reason) = reasons
                        .get_mut(part * width + column)
                        .and_then(Option::take)
                {
                    m.reason = reason;
                }
            }
        }
        Ok(())
    }
}

fn parked_in_memory(
    rows: &[&Protocol],
    columns: &Columns,
    taken: Vec<(MemberId, Vec<Score>)>,
) -> Vec<Box<[Option<Box<str>>]>> {
    let width = columns.width();
    let row = taken.len() * width;
    let mut cells: Vec<Box<[Option<Box<str>>]>> =
        rows.iter().map(|_| vec![None; row].into()).collect();
    for (part, (_, scores)) in taken.into_iter().enumerate() {
        let mut place = Cells::new(rows, columns);
        for score in scores {
            if let Some(cell) = place.of(&score) {
                cells[cell / width][part * width + cell % width] =
                    Some(score.reason.into_boxed_str());
            }
        }
    }
    cells
}

/// Writes every reason to a temporary file, each member's in the sheet's order (so that an
/// application's reasons from one member are one stretch of the file). The reasons in memory
/// go only once all of them are written: a file that cannot be written loses nothing.
fn parked_in_file(
    rows: &[&Protocol],
    columns: &Columns,
    taken: &[(MemberId, Vec<Score>)],
) -> std::io::Result<Parked> {
    use std::io::Write;
    let width = columns.width();
    let row = taken.len() * width;
    let mut spans: Vec<Box<[(u64, u32)]>> = rows.iter().map(|_| vec![(0, 0); row].into()).collect();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
    let mut at = 0u64;
    for (part, (_, scores)) in taken.iter().enumerate() {
        let mut place = Cells::new(rows, columns);
        for score in scores {
            if let Some(cell) = place.of(score)
                && !score.reason.is_empty()
            {
                let len = u32::try_from(score.reason.len()).map_err(std::io::Error::other)?;
                out.write_all(score.reason.as_bytes())?;
                spans[cell / width][part * width + cell % width] = (at, len);
                at += u64::from(len);
            }
        }
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    Ok(Parked::File { file, spans })
}

/// One application's reasons read back from the temporary file (`spans`, a part of `width`
/// cells per member): one read per member, of the stretch that holds theirs.
fn read_row(
    file: &mut std::fs::File,
    spans: &[(u64, u32)],
    width: usize,
) -> std::io::Result<Vec<Option<Box<str>>>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut reasons = vec![None; spans.len()];
    let mut stretch = Vec::new();
    for (part, cells) in spans.chunks(width.max(1)).enumerate() {
        let filled = || cells.iter().filter(|(_, len)| *len > 0);
        let (Some(from), Some(to)) = (
            filled().map(|&(at, _)| at).min(),
            filled().map(|&(at, len)| at + u64::from(len)).max(),
        ) else {
            continue;
        };
        stretch.resize(
            usize::try_from(to - from).map_err(std::io::Error::other)?,
            0,
        );
        file.seek(SeekFrom::Start(from))?;
        file.read_exact(&mut stretch)?;
        for (column, &(at, len)) in cells.iter().enumerate() {
            if len == 0 {
                continue;
            }
            let start = (at - from) as usize;
            let text = std::str::from_utf8(&stretch[start..start + len as usize])
                .map_err(std::io::Error::other)?;
            reasons[part * width + column] = Some(text.into());
        }
    }
    Ok(reasons)
}

/// Everything of a scoring session's record but its lots.
pub(super) fn frame(ws: &Workspace) -> ScoringRecord {
    let call = ws.call();
    let mut criteria = Vec::new();
    for c in &call.criteria {
        criterion_info(c, 0, &mut criteria);
    }
    ScoringRecord {
        criteria,
        judgement_scale: call
            .judgement_scale
            .iter()
            .map(|j| JudgementInfo {
                label: j.label.clone(),
                coefficient: j.coefficient,
            })
            .collect(),
        overall_min: call.overall_min.map(|m| m.value()),
        rescale_totals: call.rescale_totals,
        decimals: call.decimals,
        lots: Vec::new(),
        collegial_mark: call.collegial_mark,
    }
}

fn cofinancing_row(app: &Application, result: &ApplicationResult) -> CofinancingRow {
    let b = &result.budget;
    CofinancingRow {
        protocol: app.protocol.clone(),
        applicant: app.applicant.name.clone(),
        total_cost: b.total_cost,
        cash: b.cash,
        in_kind: b.in_kind,
        requested: b.requested,
        share_percent: b.share_percent,
        failures: result
            .admission
            .findings
            .iter()
            .filter(|f| f.rule.is_cofinancing() && f.check == Check::Fail)
            .map(|f| f.message.to_string())
            .collect(),
    }
}

fn application_scoring(
    ws: &Workspace,
    app: &Application,
    result: &ApplicationResult,
    scores: &rules::Scores,
    all: &[&Criterion],
    reasons: bool,
) -> ApplicationScoring {
    let call = ws.call();
    // The rules already know who abstained; asking the sheets again would scan them per application.
    let abstained = ws
        .commission()
        .voting_members()
        .filter(|m| {
            scores
                .criteria
                .values()
                .any(|cs| cs.abstained.contains(&m.id))
        })
        .map(|m| m.id.clone())
        .collect();
    let criteria = all
        .iter()
        .map(|c| {
            let cs = scores.criteria.get(&c.id);
            let level = match &c.scoring {
                Scoring::Levels(levels) => app
                    .declared(&c.id)
                    .and_then(|v| levels.iter().find(|l| l.id.as_str() == v))
                    .map(|l| l.label.clone()),
                _ => None,
            };
            CriterionResult {
                criterion: c.id.clone(),
                marks: cs
                    .map(|cs| {
                        cs.marks
                            .iter()
                            .map(|m| MarkRecord {
                                member: m.member.clone(),
                                value: m.value,
                                judgement: match c.scoring {
                                    Scoring::Coefficient => Coefficient::new(m.value)
                                        .and_then(|k| call.judgement_for(k))
                                        .map(|j| Judgement::new(&j.label)),
                                    _ => None,
                                },
                                // The rules keep the values; the reason is in the sheet.
                                reason: if reasons {
                                    ws.score(&m.member, &app.protocol, &c.id)
                                        .map_or_else(Box::default, |s| s.reason.as_str().into())
                                } else {
                                    Box::default()
                                },
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                gaps: cs
                    .map(|cs| cs.gaps.iter().map(gap_record).collect())
                    .unwrap_or_default(),
                mean: shown(cs.and_then(|cs| cs.mean.as_ref()), MEAN_DECIMALS),
                measure: shown(cs.and_then(|cs| cs.measure.as_ref()), 6),
                level,
                coefficient: match c.scoring {
                    Scoring::Linear { .. } | Scoring::Points { .. } => {
                        shown(cs.and_then(|cs| cs.coefficient.as_ref()), MEAN_DECIMALS)
                    }
                    _ => None,
                },
                points_before_rescaling: cs.and_then(|cs| cs.points_before_rescaling),
                points: cs.and_then(|cs| cs.points),
                collegial: cs.and_then(|cs| cs.collegial).map(|value| {
                    Box::new(CollegialMark {
                        value: value.normalize(),
                        judgement: judgement_of(call, c, value),
                    })
                }),
            }
        })
        .collect();
    ApplicationScoring {
        protocol: app.protocol.clone(),
        applicant: app.applicant.name.clone(),
        title: app.title.clone(),
        abstained,
        criteria,
        total_before_rescaling: scores.total_before_rescaling,
        total: scores.total,
        threshold_failures: scores.threshold_failures.iter().map(|t| t.code()).collect(),
        outcome: result.outcome,
    }
}

pub(super) fn gap_record(gap: &Gap) -> GapRecord {
    match gap {
        Gap::NotScored { member } => GapRecord::NotScored(member.clone()),
        Gap::NoReason { member } => GapRecord::NoReason(member.clone()),
        Gap::NobodyCanScore => GapRecord::NobodyCanScore,
        Gap::TooFewMembers { scorers, required } => GapRecord::TooFewMembers {
            scorers: *scorers,
            required: *required,
        },
        Gap::NotDeclared => GapRecord::NotDeclared,
        Gap::NoCollegialMark => GapRecord::NoCollegialMark,
    }
}
