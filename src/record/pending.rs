//! What the commission has not finished when the session closes: applications without a
//! recorded admissibility decision, and admitted applications not fully scored. A final
//! session closes over them only after a confirmation that names them, and its verbale states
//! them; the other verbali say them where they count.

use serde::{Deserialize, Serialize};

use super::failing_messages;
use super::scoring::{GapRecord, gap_record};
use crate::domain::{AdmissionOutcome, Protocol, Workspace};
use crate::rules::{Evaluation, Outcome};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingRecord {
    /// No admissibility decision recorded: the checks' proposal only. By protocol.
    #[serde(default)]
    pub undecided: Vec<UndecidedRecord>,
    /// Admitted, but some member has not scored it yet (or nobody can). By protocol.
    #[serde(default)]
    pub incomplete: Vec<IncompleteRecord>,
}

impl PendingRecord {
    pub fn is_empty(&self) -> bool {
        self.undecided.is_empty() && self.incomplete.is_empty()
    }

    /// Every protocol named, undecided first, without repeats.
    pub fn protocols(&self) -> Vec<&Protocol> {
        let mut list: Vec<&Protocol> = self.undecided.iter().map(|u| &u.protocol).collect();
        for i in &self.incomplete {
            if !list.contains(&&i.protocol) {
                list.push(&i.protocol);
            }
        }
        list
    }
}

impl PendingRecord {
    /// One sentence per application pending, for the confirmation that names them (command
    /// line and window): "2026/0006254 (Fondazione …): manca la decisione sull'ammissibilità…".
    pub fn lines(&self, ws: &Workspace) -> Vec<String> {
        let name = |m: &crate::domain::MemberId| {
            ws.commission()
                .member(m)
                .map_or_else(|| m.to_string(), |m| m.name.clone())
        };
        let mut out = Vec::new();
        for u in &self.undecided {
            let proposal = match u.proposed {
                AdmissionOutcome::Excluded => "le verifiche propongono l'esclusione",
                AdmissionOutcome::AdmittedWithReserve => {
                    "le verifiche propongono l'ammissione con riserva"
                }
                AdmissionOutcome::Admitted => "le verifiche propongono l'ammissione",
            };
            out.push(format!(
                "{} ({}): manca la decisione sull'ammissibilità ({proposal})",
                u.protocol, u.applicant
            ));
        }
        for i in &self.incomplete {
            let missing: Vec<String> = i
                .missing
                .iter()
                .map(|g| match g {
                    GapRecord::NotScored(m) => format!("manca il giudizio di {}", name(m)),
                    GapRecord::NoReason(m) => format!("manca una motivazione di {}", name(m)),
                    GapRecord::NobodyCanScore => "nessun componente può valutarla".into(),
                    GapRecord::TooFewMembers { required, .. } => {
                        format!("servono almeno {required} componenti: in attesa di un supplente")
                    }
                    GapRecord::NotDeclared => "manca un dato dichiarato".into(),
                    GapRecord::TooLarge => "valori troppo grandi per un calcolo esatto".into(),
                    GapRecord::NoCollegialMark => "manca il giudizio collegiale".into(),
                })
                .collect();
            out.push(format!(
                "{} ({}): valutazione incompleta ({})",
                i.protocol,
                i.applicant,
                crate::italian::list(&missing)
            ));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndecidedRecord {
    pub protocol: Protocol,
    pub applicant: String,
    /// What the automatic checks propose.
    pub proposed: AdmissionOutcome,
    /// The checks that fail, in Italian.
    pub failed_checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncompleteRecord {
    pub protocol: Protocol,
    pub applicant: String,
    /// What is missing, each kind once per member.
    pub missing: Vec<GapRecord>,
}

/// What is still pending in the workspace as it stands.
pub fn pending(ws: &Workspace, evaluation: &Evaluation) -> PendingRecord {
    let applicant = |p: &Protocol| {
        ws.application(p)
            .map(|a| a.applicant.name.clone())
            .unwrap_or_default()
    };
    let mut out = PendingRecord::default();
    for r in evaluation.applications.values() {
        if !r.admission.decided {
            out.undecided.push(UndecidedRecord {
                protocol: r.protocol.clone(),
                applicant: applicant(&r.protocol),
                proposed: r.admission.proposed,
                failed_checks: failing_messages(r),
            });
        }
        if r.outcome == Outcome::Incomplete {
            let mut missing: Vec<GapRecord> = Vec::new();
            for (_, gap) in r.scores.iter().flat_map(|s| s.gaps()) {
                let g = gap_record(gap);
                if !missing.contains(&g) {
                    missing.push(g);
                }
            }
            out.incomplete.push(IncompleteRecord {
                protocol: r.protocol.clone(),
                applicant: applicant(&r.protocol),
                missing,
            });
        }
    }
    out
}
