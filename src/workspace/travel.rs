//! Score sheets that travel: a commissioner scores on their own laptop, offline, exports their
//! sheet to one file and brings it on a USB stick; the secretariat imports it. The file says
//! which call it belongs to, which revision it is, and the hash of its content, so that a
//! sheet of another call, an older copy or a copy edited on the way is refused.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::problem::Problem;
use crate::domain::{
    Call, CriterionId, Declaration, Judgement, LotId, MemberId, Protocol, Score, ScoreSheet,
    Scoring, Workspace,
};
use crate::seal::hex;

/// 2: the hash covers the call's fingerprint and who exported the sheet, not only the sheet.
pub const FORMAT: u32 = 2;
const HEADER: &str =
    "// Commissione: scheda di valutazione esportata per il trasferimento (non modificare a mano).";

/// The exported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TravellingSheet {
    pub format: u32,
    /// The call's title, for messages.
    pub call_title: String,
    /// SHA-256 of what a score depends on in the call: its identity, lots, criteria and scale.
    pub call_fingerprint: String,
    /// The member who exported the sheet from their own copy of the call; None when the
    /// secretariat (or the command line) exported it. A member exports only their own sheet.
    #[serde(default)]
    pub exported_by: Option<MemberId>,
    /// SHA-256 of what the file says: the call's fingerprint, who exported it and the sheet
    /// (in format 1, of the sheet alone). It tells damage and mistakes, not a deliberate
    /// forgery: anyone can compute it again (see README, Integrity).
    pub sha256: String,
    pub sheet: ScoreSheet,
}

/// What a score depends on: if any of it changed, a sheet scored against the old call is not
/// valid for the new one.
#[derive(Serialize)]
struct CallIdentity<'a> {
    authority: &'a str,
    title: &'a str,
    lots: Vec<&'a LotId>,
    criteria: Vec<(&'a CriterionId, String, &'a Scoring)>,
    judgement_scale: &'a [Judgement],
}

pub fn call_fingerprint(call: &Call) -> String {
    let identity = CallIdentity {
        authority: &call.authority,
        title: &call.title,
        lots: call.lots.iter().map(|l| &l.id).collect(),
        criteria: call
            .all_criteria()
            .into_iter()
            .map(|c| (&c.id, c.max.to_string(), &c.scoring))
            .collect(),
        judgement_scale: &call.judgement_scale,
    };
    let text = ron::to_string(&identity).unwrap_or_default();
    hex(&Sha256::digest(text.as_bytes()))
}

pub fn sheet_hash(sheet: &ScoreSheet) -> String {
    let mut sheet = sheet.clone();
    sheet.normalize();
    hex(&Sha256::digest(
        ron::to_string(&sheet).unwrap_or_default().as_bytes(),
    ))
}

/// The hash a file of format 2 carries: of the call's fingerprint, who exported the sheet and
/// the sheet.
fn file_hash(call_fingerprint: &str, exported_by: Option<&MemberId>, sheet: &ScoreSheet) -> String {
    let text = format!(
        "{call_fingerprint}\n{}\n{}",
        exported_by.map_or("", |m| m.as_str()),
        sheet_hash(sheet)
    );
    hex(&Sha256::digest(text.as_bytes()))
}

/// The highest revision a sheet may carry: one more change must still be possible.
pub const MAX_REVISION: u32 = u32::MAX - 1;

/// The text of a member's sheet, ready to travel. `exported_by` is the member exporting their
/// own sheet, or None for the secretariat.
pub fn export(
    ws: &Workspace,
    sheet: &ScoreSheet,
    exported_by: Option<&MemberId>,
) -> Result<String, ron::Error> {
    let mut sheet = sheet.clone();
    sheet.normalize();
    let call_fingerprint = call_fingerprint(ws.call());
    let file = TravellingSheet {
        format: FORMAT,
        call_title: ws.call().title.clone(),
        sha256: file_hash(&call_fingerprint, exported_by, &sheet),
        call_fingerprint,
        exported_by: exported_by.cloned(),
        sheet,
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    Ok(format!(
        "{HEADER}\n{}\n",
        ron::ser::to_string_pretty(&file, config)?
    ))
}

/// Why an incoming sheet is refused. Nothing is changed when it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("{0}")]
    Unreadable(Problem),
    #[error(
        "la scheda appartiene a un altro avviso («{title}»), o a una versione dei criteri diversa da quella di questo avviso"
    )]
    ForeignCall { title: String },
    #[error(
        "il contenuto della scheda non corrisponde al suo hash: è stata modificata dopo l'esportazione"
    )]
    Altered,
    #[error("«{member}» non è un componente della commissione che esprime punteggi")]
    UnknownMember { member: String },
    #[error(
        "il file «{file}» dovrebbe contenere la scheda di «{named}», ma contiene quella di «{inside}»: non viene importata (controllare quale file ha consegnato ciascun componente)"
    )]
    OtherMember {
        file: String,
        named: String,
        inside: String,
    },
    #[error(
        "la scheda di «{inside}» è stata esportata da «{exported_by}»: un componente esporta solo la propria scheda, e questa non viene importata"
    )]
    ExportedByAnother { inside: String, exported_by: String },
    #[error(
        "la scheda di «{member}» ha la revisione {revision}, il massimo possibile: non potrebbe più essere modificata, e non viene importata"
    )]
    RevisionLimit { member: String, revision: u32 },
    #[error(
        "la scheda di «{member}» è la revisione {incoming}, più vecchia della revisione {held} già presente: non viene importata"
    )]
    Stale {
        member: String,
        incoming: u32,
        held: u32,
    },
    #[error(
        "la scheda di «{member}» è già presente in questa versione (revisione {revision}): nessuna modifica"
    )]
    AlreadyHeld { member: String, revision: u32 },
    #[error(
        "la scheda di «{member}» ha la stessa revisione {revision} di quella presente ma un contenuto diverso: occorre scegliere quale versione tenere"
    )]
    Diverged { member: String, revision: u32 },
}

/// What an incoming sheet would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub sheet: ScoreSheet,
    /// The sheet held now, if any, for a side-by-side view.
    pub held: Option<ScoreSheet>,
}

/// Reads and checks an exported sheet against the workspace. `Diverged` is returned for two
/// different versions with the same revision: the user must choose, see [`Incoming`]. The sheet
/// must be the member's whose sheet it replaces: `expected` when the user said whose sheet it
/// is, otherwise the member the file's name names (`scheda-m2.ron`), if it names one.
pub fn check(
    ws: &Workspace,
    file: &Path,
    text: &str,
    expected: Option<&MemberId>,
) -> Result<Incoming, Refusal> {
    let incoming = read(file, text)?;
    if incoming.call_fingerprint != call_fingerprint(ws.call()) {
        return Err(Refusal::ForeignCall {
            title: incoming.call_title,
        });
    }
    let hash = match incoming.format {
        1 => sheet_hash(&incoming.sheet),
        _ => file_hash(
            &incoming.call_fingerprint,
            incoming.exported_by.as_ref(),
            &incoming.sheet,
        ),
    };
    if incoming.sha256 != hash {
        return Err(Refusal::Altered);
    }
    let member = incoming.sheet.member.clone();
    if !ws
        .commission()
        .member(&member)
        .is_some_and(|m| m.role.votes())
    {
        return Err(Refusal::UnknownMember {
            member: member.to_string(),
        });
    }
    let named = expected.cloned().or_else(|| member_named(ws, file));
    if let Some(named) = named.filter(|n| *n != member) {
        return Err(Refusal::OtherMember {
            file: file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            named: named.to_string(),
            inside: member.to_string(),
        });
    }
    if let Some(by) = incoming.exported_by.as_ref().filter(|by| **by != member) {
        return Err(Refusal::ExportedByAnother {
            inside: member.to_string(),
            exported_by: by.to_string(),
        });
    }
    if incoming.sheet.revision > MAX_REVISION {
        return Err(Refusal::RevisionLimit {
            member: member.to_string(),
            revision: incoming.sheet.revision,
        });
    }
    let held = ws.sheet(&member).cloned();
    if let Some(held) = &held {
        compare_revisions(&incoming, held)?;
    }
    Ok(Incoming {
        sheet: incoming.sheet,
        held,
    })
}

fn read(file: &Path, text: &str) -> Result<TravellingSheet, Refusal> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let incoming: TravellingSheet = options.from_str(body).map_err(|e| {
        Refusal::Unreadable(Problem::at(
            file.file_name().map(Path::new).unwrap_or(file),
            super::ron_error::position(&e),
            super::ron_error::message(&e.code),
        ))
    })?;
    if incoming.format > FORMAT {
        return Err(Refusal::Unreadable(Problem::whole(
            file,
            super::messages::newer_format(incoming.format),
        )));
    }
    Ok(incoming)
}

/// An older, equal or newer revision than the sheet held.
fn compare_revisions(incoming: &TravellingSheet, held: &ScoreSheet) -> Result<(), Refusal> {
    let member = incoming.sheet.member.to_string();
    let (incoming_rev, held_rev) = (incoming.sheet.revision, held.revision);
    if incoming_rev < held_rev {
        return Err(Refusal::Stale {
            member,
            incoming: incoming_rev,
            held: held_rev,
        });
    }
    if incoming_rev == held_rev {
        return Err(if sheet_hash(held) == sheet_hash(&incoming.sheet) {
            Refusal::AlreadyHeld {
                member,
                revision: held_rev,
            }
        } else {
            Refusal::Diverged {
                member,
                revision: held_rev,
            }
        });
    }
    Ok(())
}

/// The voting member a file's name names, if exactly one: `scheda-m2.ron`, `m2.ron`,
/// `scheda_rossi (1).ron` name a member by the id as a whole word of the name.
pub fn member_named(ws: &Workspace, file: &Path) -> Option<MemberId> {
    let stem = file.file_stem()?.to_string_lossy().to_lowercase();
    let words: Vec<&str> = stem
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!("-{}-", words.join("-"));
    let named: Vec<MemberId> = ws
        .commission()
        .voting_members()
        .filter(|m| {
            let id =
                m.id.as_str()
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("-");
            !id.is_empty() && joined.contains(&format!("-{id}-"))
        })
        .map(|m| m.id.clone())
        .collect();
    match named.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Reads an exported sheet whatever its revision, for the side-by-side choice of two versions.
pub fn read_unchecked(text: &str) -> Option<ScoreSheet> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options
        .from_str::<TravellingSheet>(text.strip_prefix('\u{feff}').unwrap_or(text))
        .ok()
        .map(|t| t.sheet)
}

/// Two versions of one member's sheet side by side (see [`Refusal::Diverged`]): what each gives
/// on every application and criterion either of them scores, and what each declares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// In application and criterion order.
    pub scores: Vec<ComparedScore>,
    /// In application order.
    pub declarations: Vec<ComparedDeclaration>,
}

/// One score as each version has it; None where that version has none.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedScore {
    pub application: Protocol,
    pub criterion: CriterionId,
    pub held: Option<Score>,
    pub incoming: Option<Score>,
}

impl ComparedScore {
    /// Whether the two versions differ here, in the value or in the reason.
    pub fn differs(&self) -> bool {
        self.held != self.incoming
    }
}

/// One declaration as each version has it; None where that version has none.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedDeclaration {
    pub application: Protocol,
    pub held: Option<Declaration>,
    pub incoming: Option<Declaration>,
}

impl ComparedDeclaration {
    pub fn differs(&self) -> bool {
        self.held != self.incoming
    }
}

impl Comparison {
    /// How many scores and declarations differ.
    pub fn differences(&self) -> usize {
        self.scores.iter().filter(|s| s.differs()).count()
            + self.declarations.iter().filter(|d| d.differs()).count()
    }
}

/// What each of two versions has, side by side.
type Pair<'a, T> = (Option<&'a T>, Option<&'a T>);

/// The sheet held and an incoming one, line by line, for the user to choose which to keep.
pub fn compare(held: &ScoreSheet, incoming: &ScoreSheet) -> Comparison {
    use std::collections::BTreeMap;
    let mut scores: BTreeMap<(&Protocol, &CriterionId), Pair<Score>> = BTreeMap::new();
    for s in &held.scores {
        scores.entry((&s.application, &s.criterion)).or_default().0 = Some(s);
    }
    for s in &incoming.scores {
        scores.entry((&s.application, &s.criterion)).or_default().1 = Some(s);
    }
    let mut declarations: BTreeMap<&Protocol, Pair<Declaration>> = BTreeMap::new();
    for d in &held.declarations {
        declarations.entry(&d.application).or_default().0 = Some(d);
    }
    for d in &incoming.declarations {
        declarations.entry(&d.application).or_default().1 = Some(d);
    }
    Comparison {
        scores: scores
            .into_iter()
            .map(|((application, criterion), (h, i))| ComparedScore {
                application: application.clone(),
                criterion: criterion.clone(),
                held: h.cloned(),
                incoming: i.cloned(),
            })
            .collect(),
        declarations: declarations
            .into_iter()
            .map(|(application, (h, i))| ComparedDeclaration {
                application: application.clone(),
                held: h.cloned(),
                incoming: i.cloned(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Conflict, ConflictKind, MemberId, Points};

    fn score(app: &str, criterion: &str, value: &str, reason: &str) -> Score {
        Score {
            application: Protocol::new(app).unwrap(),
            criterion: CriterionId::new(criterion).unwrap(),
            value: Points::parse(value).unwrap(),
            reason: reason.into(),
        }
    }

    fn sheet(scores: Vec<Score>, declarations: Vec<Declaration>) -> ScoreSheet {
        ScoreSheet {
            member: MemberId::new("m2").unwrap(),
            revision: 3,
            declarations,
            scores,
            withdrawals: Vec::new(),
        }
    }

    #[test]
    fn two_versions_are_compared_line_by_line() {
        let p = |s: &str| Protocol::new(s).unwrap();
        let held = sheet(
            vec![
                score("P2", "A", "0.8", "Buona."),
                score("P1", "A", "0.6", "Discreta."),
                score("P1", "B", "0.4", "Sufficiente."),
            ],
            vec![Declaration {
                application: p("P1"),
                conflict: None,
            }],
        );
        let incoming = sheet(
            vec![
                score("P1", "A", "0.6", "Discreta."),
                score("P1", "B", "0.4", "Sufficiente, con riserve."),
                score("P3", "A", "1.0", "Ottima."),
            ],
            vec![
                Declaration {
                    application: p("P1"),
                    conflict: None,
                },
                Declaration {
                    application: p("P2"),
                    conflict: Some(Conflict {
                        kind: ConflictKind::Kinship,
                        note: String::new(),
                    }),
                },
            ],
        );
        let c = compare(&held, &incoming);
        let lines: Vec<(String, bool, bool, bool)> = c
            .scores
            .iter()
            .map(|s| {
                (
                    format!("{}:{}", s.application, s.criterion),
                    s.held.is_some(),
                    s.incoming.is_some(),
                    s.differs(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("P1:A".to_string(), true, true, false),
                // The same value with another reason is a difference.
                ("P1:B".to_string(), true, true, true),
                ("P2:A".to_string(), true, false, true),
                ("P3:A".to_string(), false, true, true),
            ]
        );
        assert_eq!(c.declarations.len(), 2);
        assert!(!c.declarations[0].differs());
        assert!(c.declarations[1].differs());
        assert_eq!(c.differences(), 4);
        // A sheet against itself differs nowhere.
        assert_eq!(compare(&held, &held).differences(), 0);
    }
}
