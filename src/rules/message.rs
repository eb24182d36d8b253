//! The Italian sentence of each finding. A finding keeps what its sentence says (amounts,
//! shares, dates, titles) and the sentence is written when it is shown: an evaluation of a
//! large call makes some 30,000 findings after every change, and writing their figures as
//! Italian text cost more than checking them.

use std::fmt;
use std::sync::Arc;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::domain::{CapBase, DocumentStatus, Moment, Money, Protocol};
use crate::italian::{date, euro, euro_signed, moment_precise, share_percent};

/// What a finding says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Deadline {
        received: Moment,
        deadline: Moment,
    },
    /// Every party's legal form is admitted when `refused` is empty; otherwise, each refused
    /// party as «name» (form).
    LegalForms {
        refused: Vec<String>,
    },
    /// Every tax code is well formed when `wrong` is empty; otherwise, each wrong one as
    /// «name»: why.
    TaxCodes {
        wrong: Vec<String>,
    },
    /// The applicant's tax code, and the applications of the lot that have it: `own` and the
    /// others in `group`, which the whole group shares, so that a thousand rows imported with
    /// one tax code make a thousand findings, not a million names.
    SameTaxCode {
        tax_code: String,
        own: Protocol,
        group: Arc<[Protocol]>,
    },
    /// The number of budget lines.
    BudgetLines {
        lines: usize,
    },
    /// The contribution requested.
    Requested {
        requested: Money,
    },
    /// A required document as the application's file has it (None: not listed).
    Document {
        title: String,
        mandatory: bool,
        status: Option<DocumentStatus>,
    },
    /// R + K = C, or by how much it does not.
    Balance {
        requested: Money,
        cofinancing: Money,
        total_cost: Money,
        difference: Decimal,
    },
    /// K against its minimum share of C; `shortfall` when below it.
    MinCofinancingShare {
        cofinancing: Money,
        shown: Decimal,
        min: Decimal,
        shortfall: Option<Money>,
    },
    /// Something at most a share of a base; `excess` when beyond it.
    AtMost {
        what: Limited,
        amount: Money,
        shown: Decimal,
        max: Decimal,
        excess: Option<Money>,
    },
    ProjectCap {
        requested: Money,
        ceiling: Money,
        excess: Option<Money>,
    },
    LotCap {
        requested: Money,
        cap: Money,
        budget: Money,
        reserved: Decimal,
        excess: Option<Money>,
    },
}

/// What an at-most rule limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limited {
    /// The contribution requested, as a share of the total cost.
    Contribution,
    /// The in-kind co-financing, as a share of the co-financing.
    InKind,
    /// A budget category, by name, as a share of the total or of the direct costs.
    Category { name: String, of: CapBase },
}

/// A percentage as a sentence shows it: two decimals, rounded away from the limit.
fn percent_text(value: Decimal, strategy: RoundingStrategy) -> String {
    let v = value.round_dp_with_strategy(2, strategy);
    crate::italian::percent(if v.fract().is_zero() { v.trunc() } else { v })
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Deadline { received, deadline } => {
                let (received, deadline, on_time) = (
                    moment_precise(*received),
                    moment_precise(*deadline),
                    received <= deadline,
                );
                if on_time {
                    write!(
                        f,
                        "Pervenuta il {received}, entro il termine del {deadline}."
                    )
                } else {
                    write!(
                        f,
                        "Pervenuta il {received}, dopo il termine di presentazione del {deadline}."
                    )
                }
            }
            Message::LegalForms { refused } if refused.is_empty() => {
                f.write_str("La forma giuridica dei soggetti è tra quelle ammesse dall'avviso.")
            }
            Message::LegalForms { refused } => write!(
                f,
                "Forma giuridica non ammessa dall'avviso: {}.",
                refused.join("; ")
            ),
            Message::TaxCodes { wrong } if wrong.is_empty() => {
                f.write_str("I codici fiscali sono formalmente corretti.")
            }
            Message::TaxCodes { wrong } => {
                write!(f, "Codice fiscale errato: {}.", wrong.join("; "))
            }
            Message::SameTaxCode { tax_code, own, group } => {
                let others: Vec<String> = group
                    .iter()
                    .filter(|p| *p != own)
                    .map(|p| p.to_string())
                    .collect();
                if others.is_empty() {
                    return f.write_str(
                        "Nessun'altra candidatura del lotto ha lo stesso soggetto proponente.",
                    );
                }
                write!(
                    f,
                    "Lo stesso soggetto proponente (codice fiscale {tax_code}) ha presentato nel lotto anche {} {}: può essere la stessa domanda registrata due volte, o più domande dello stesso soggetto; la commissione decide quale considerare.",
                    if others.len() == 1 {
                        "la candidatura"
                    } else {
                        "le candidature"
                    },
                    others.join(", ")
                )
            }
            Message::BudgetLines { lines: 0 } => f.write_str(
                "Il piano finanziario non ha voci di costo: senza il costo complessivo non si possono verificare il co-finanziamento né il contributo richiesto.",
            ),
            Message::BudgetLines { lines: 1 } => {
                f.write_str("Il piano finanziario ha una voce di costo.")
            }
            Message::BudgetLines { lines } => {
                write!(f, "Il piano finanziario ha {lines} voci di costo.")
            }
            Message::Requested { requested } if requested.is_zero() => f.write_str(
                "Il contributo richiesto è di € 0,00: la candidatura non chiede nulla, e non c'è un contributo da assegnare.",
            ),
            Message::Requested { requested } => {
                write!(f, "Il contributo richiesto è di {}.", euro(*requested))
            }
            Message::Document {
                title,
                mandatory,
                status,
            } => document(f, title, *mandatory, *status),
            Message::Balance {
                requested,
                cofinancing,
                total_cost,
                difference,
            } => {
                if difference.is_zero() {
                    write!(
                        f,
                        "Il piano finanziario quadra: contributo richiesto {} + co-finanziamento {} = costo complessivo {}.",
                        euro(*requested),
                        euro(*cofinancing),
                        euro(*total_cost)
                    )
                } else {
                    write!(
                        f,
                        "Il piano finanziario non quadra: contributo richiesto {} + co-finanziamento {} = {}, ma il costo complessivo è {} (differenza {}).",
                        euro(*requested),
                        euro(*cofinancing),
                        euro(*requested + *cofinancing),
                        euro(*total_cost),
                        euro_signed(*difference)
                    )
                }
            }
            Message::MinCofinancingShare {
                cofinancing,
                shown,
                min,
                shortfall,
            } => {
                let shown = percent_text(*shown, RoundingStrategy::ToNegativeInfinity);
                let min = share_percent(*min);
                match shortfall {
                    None => write!(
                        f,
                        "Il co-finanziamento ({}) è il {shown} del costo complessivo: almeno il {min} richiesto.",
                        euro(*cofinancing)
                    ),
                    Some(shortfall) => write!(
                        f,
                        "Il co-finanziamento ({}) è il {shown} del costo complessivo, sotto il minimo del {min}: mancano {} per raggiungere il {min}.",
                        euro(*cofinancing),
                        euro(*shortfall)
                    ),
                }
            }
            Message::AtMost {
                what,
                amount,
                shown,
                max,
                excess,
            } => {
                let shown = percent_text(*shown, RoundingStrategy::ToPositiveInfinity);
                let max = share_percent(*max);
                let amount = euro(*amount);
                let (subject, base) = match what {
                    Limited::Contribution => (
                        format!("Il contributo richiesto ({amount})"),
                        "del costo complessivo",
                    ),
                    Limited::InKind => (
                        format!("Il co-finanziamento in natura ({amount})"),
                        "del co-finanziamento",
                    ),
                    Limited::Category { name, of } => (
                        format!("La voce «{name}» ({amount})"),
                        match of {
                            CapBase::Total => "del costo complessivo",
                            CapBase::DirectCosts => "dei costi diretti (le altre voci)",
                        },
                    ),
                };
                match excess {
                    None => write!(
                        f,
                        "{subject} è il {shown} {base}: entro il massimo del {max}."
                    ),
                    Some(excess) => write!(
                        f,
                        "{subject} è il {shown} {base}, oltre il massimo del {max}: eccede di {}.",
                        euro(*excess)
                    ),
                }
            }
            Message::ProjectCap {
                requested,
                ceiling,
                excess,
            } => match excess {
                None => write!(
                    f,
                    "Il contributo richiesto ({}) rientra nel massimo per progetto di {}.",
                    euro(*requested),
                    euro(*ceiling)
                ),
                Some(excess) => write!(
                    f,
                    "Il contributo richiesto ({}) supera il massimo per progetto di {}: eccede di {}.",
                    euro(*requested),
                    euro(*ceiling),
                    euro(*excess)
                ),
            },
            Message::LotCap {
                requested,
                cap,
                budget,
                reserved,
                excess,
            } => {
                let reserve = if reserved.is_zero() {
                    String::new()
                } else {
                    format!(
                        " ({} meno la quota del {} riservata al Comune)",
                        euro(*budget),
                        share_percent(*reserved)
                    )
                };
                match excess {
                    None => write!(
                        f,
                        "Il contributo richiesto ({}) rientra nel tetto del lotto di {}{reserve}.",
                        euro(*requested),
                        euro(*cap)
                    ),
                    Some(excess) => write!(
                        f,
                        "Il contributo richiesto ({}) supera il tetto del lotto di {}{reserve}: eccede di {}.",
                        euro(*requested),
                        euro(*cap),
                        euro(*excess)
                    ),
                }
            }
        }
    }
}

fn document(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    mandatory: bool,
    status: Option<DocumentStatus>,
) -> fmt::Result {
    match status {
        Some(DocumentStatus::Present) => write!(f, "«{title}»: presente."),
        Some(DocumentStatus::NotApplicable) => {
            write!(f, "«{title}»: non pertinente per questo soggetto.")
        }
        None | Some(DocumentStatus::Missing) if mandatory => write!(f, "«{title}»: mancante."),
        None | Some(DocumentStatus::Missing) => write!(
            f,
            "«{title}»: non presentato (richiesto solo in alcuni casi)."
        ),
        Some(DocumentStatus::IntegrationRequested {
            requested_on,
            deadline,
        }) => write!(
            f,
            "«{title}»: soccorso istruttorio richiesto il {}, da integrare entro il {}.",
            date(requested_on),
            date(deadline)
        ),
        Some(DocumentStatus::Integrated {
            requested_on,
            deadline,
            received_on,
        }) if received_on <= deadline => write!(
            f,
            "«{title}»: integrato il {} (richiesto il {}, termine {}).",
            date(received_on),
            date(requested_on),
            date(deadline)
        ),
        Some(DocumentStatus::Integrated {
            deadline,
            received_on,
            ..
        }) => write!(
            f,
            "«{title}»: integrato il {}, oltre il termine del {} fissato con il soccorso istruttorio.",
            date(received_on),
            date(deadline)
        ),
    }
}
