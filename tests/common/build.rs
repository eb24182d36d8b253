//! A small builder of workspaces in code, for the rules' tests and property tests.
#![allow(dead_code)]

use commissione::domain::*;

pub fn money(s: &str) -> Money {
    Money::parse(s).expect("a valid amount")
}

pub fn share(s: &str) -> Share {
    Share::parse(s).expect("a valid share")
}

pub fn points(s: &str) -> Points {
    Points::parse(s).expect("valid points")
}

pub fn pid(s: &str) -> Protocol {
    Protocol::new(s).expect("a valid protocol")
}

pub fn mid(s: &str) -> MemberId {
    MemberId::new(s).expect("a valid member id")
}

pub fn cid(s: &str) -> CriterionId {
    CriterionId::new(s).expect("a valid criterion id")
}

pub fn lid(s: &str) -> LotId {
    LotId::new(s).expect("a valid lot id")
}

/// A valid 11-digit tax code for the n-th entity.
pub fn tax_code(n: u32) -> String {
    let first = format!("{:010}", 1_000_000_000u64 + u64::from(n) * 7919);
    let check = tax_code::entity_check_digit(&first).expect("ten digits");
    format!("{first}{check}")
}

pub fn criterion(id: &str, max: &str, scoring: Scoring) -> Criterion {
    Criterion {
        id: cid(id),
        title: format!("Criterio {id}"),
        description: String::new(),
        max: points(max),
        min: None,
        rescale: false,
        scoring,
    }
}

/// A call with one lot of 100.000,00, coefficient criteria A (40) and B (30), points C (30).
pub fn call() -> Call {
    Call {
        authority: "Comune di Prova".into(),
        office: "Servizi Sociali".into(),
        title: "Avviso di prova".into(),
        cup: None,
        rup: "RUP".into(),
        published_on: Date::parse("2026-02-01").expect("date"),
        deadline: Moment::parse("2026-03-01T12:00").expect("moment"),
        lots: vec![Lot {
            id: lid("L1"),
            name: "Lotto 1".into(),
            description: String::new(),
            budget: money("100000.00"),
            reserved_share: Share::ZERO,
            allocation: Allocation::UntilExhausted {
                partial: false,
                skip_when_not_fitting: false,
            },
        }],
        funding: FundingRules {
            max_contribution_share: Some(share("0.90")),
            max_contribution_per_project: None,
            min_cofinancing_share: Some(share("0.10")),
            in_kind_max_share_of_cofinancing: None,
            category_caps: vec![],
        },
        budget_categories: vec![],
        criteria: vec![
            criterion("A", "40", Scoring::Coefficient),
            criterion("B", "30", Scoring::Coefficient),
            criterion("C", "30", Scoring::Points { step: None }),
        ],
        overall_min: None,
        rescale_totals: false,
        rescale_among: Default::default(),
        decimals: 2,
        tie_breaks: vec![],
        judgement_scale: ["1", "0.8", "0.6", "0.4", "0.2", "0"]
            .iter()
            .map(|c| Judgement {
                label: format!("giudizio {c}"),
                coefficient: Coefficient::parse(c).expect("coefficient"),
            })
            .collect(),
        required_documents: vec![],
        admitted_legal_forms: vec![],
        informal_groups_allowed: false,
        min_scoring_members: None,
        discordance_gap: share("0.4"),
        independent_judgement: true,
        collegial_mark: false,
    }
}

pub fn commission(members: &[&str]) -> Commission {
    let mut list: Vec<Member> = members
        .iter()
        .enumerate()
        .map(|(i, m)| Member {
            id: mid(m),
            name: format!("Componente {m}"),
            role: if i == 0 {
                Role::President
            } else {
                Role::Commissioner
            },
            qualification: String::new(),
            replaced: None,
            substitute: None,
        })
        .collect();
    list.push(Member {
        id: mid("segretario"),
        name: "Segretario".into(),
        role: Role::Secretary,
        qualification: String::new(),
        replaced: None,
        substitute: None,
    });
    Commission {
        appointed_by: "Determinazione n. 1".into(),
        members: list,
    }
}

/// An application with one budget line of `cost`, cash co-financing `cofinancing` and
/// contribution `requested`, received `minute` minutes after 09:00 of 1 March 2026.
pub fn application(
    protocol: &str,
    lot: &str,
    cost: &str,
    cofinancing: &str,
    requested: &str,
    minute: u32,
) -> Application {
    Application {
        protocol: pid(protocol),
        received_at: Moment::parse(&format!(
            "2026-02-20T{:02}:{:02}",
            9 + minute / 60,
            minute % 60
        ))
        .expect("moment"),
        lot: lid(lot),
        title: format!("Proposta {protocol}"),
        summary: String::new(),
        applicant: Party {
            name: format!("Associazione {protocol}"),
            tax_code: tax_code(minute + 1),
            legal_form: LegalForm::SocialPromotionAssociation,
            pec: String::new(),
            representative: String::new(),
            address: String::new(),
        },
        partners: vec![],
        budget: vec![BudgetLine {
            category: CategoryId::new("attivita").expect("id"),
            description: String::new(),
            amount: money(cost),
        }],
        cofinancing: if cofinancing == "0" {
            vec![]
        } else {
            vec![CofinancingLine {
                source: "fondi propri".into(),
                kind: CofinancingKind::Cash,
                amount: money(cofinancing),
            }]
        },
        requested: money(requested),
        documents: vec![],
        declared: vec![],
        decision: None,
        removed: None,
    }
}

/// Parts to be assembled, with helpers to add scores.
pub struct Build {
    pub parts: Parts,
}

impl Build {
    pub fn new(call: Call, members: &[&str]) -> Build {
        let sheets = members
            .iter()
            .map(|m| std::sync::Arc::new(ScoreSheet::new(mid(m))))
            .collect();
        Build {
            parts: Parts {
                call: Some(call),
                commission: Some(commission(members)),
                sheets,
                ..Parts::default()
            },
        }
    }

    pub fn app(mut self, app: Application) -> Build {
        self.parts.applications.push(app);
        self
    }

    fn sheet(&mut self, member: &str) -> &mut ScoreSheet {
        let index = self
            .parts
            .sheets
            .iter()
            .position(|s| s.member.as_str() == member)
            .expect("a member of the commission");
        std::sync::Arc::make_mut(&mut self.parts.sheets[index])
    }

    /// `member` scores `protocol` on `criterion`.
    pub fn score(mut self, member: &str, protocol: &str, criterion: &str, value: &str) -> Build {
        self.sheet(member).scores.push(Score {
            application: pid(protocol),
            criterion: cid(criterion),
            value: points(value),
            reason: format!("Motivazione di {member}"),
        });
        self
    }

    /// Every member gives the same marks to `protocol`: (A, B, C).
    pub fn all_score(
        mut self,
        members: &[&str],
        protocol: &str,
        a: &str,
        b: &str,
        c: &str,
    ) -> Build {
        for m in members {
            self = self
                .score(m, protocol, "A", a)
                .score(m, protocol, "B", b)
                .score(m, protocol, "C", c);
        }
        self
    }

    pub fn conflict(mut self, member: &str, protocol: &str) -> Build {
        self.sheet(member).declarations.push(Declaration {
            application: pid(protocol),
            conflict: Some(Conflict {
                kind: ConflictKind::Professional,
                note: String::new(),
            }),
        });
        self
    }

    pub fn draw(mut self, lot: &str, order: &[&str]) -> Build {
        self.parts.sessions.push(Session {
            id: SessionId::new(format!("s{}", self.parts.sessions.len() + 1)).expect("id"),
            number: self.parts.sessions.len() as u32 + 1,
            kind: SessionKind::Final,
            date: Date::parse("2026-03-20").expect("date"),
            start: TimeOfDay::parse("10:00").expect("time"),
            end: None,
            place: "Sala".into(),
            present: vec![],
            notes: vec![],
            draws: vec![Draw {
                lot: lid(lot),
                order: order.iter().map(|p| pid(p)).collect(),
                method: String::new(),
            }],
            amendments: vec![],
            collegial: Vec::new(),
            events: Vec::new(),
            seal: None,
        });
        self
    }

    /// A session `id` (a final one, on 20/04/2026) recording collegial judgements and events.
    pub fn session_with(
        mut self,
        id: &str,
        collegial: Vec<Collegial>,
        events: Vec<Event>,
    ) -> Build {
        let number = self.parts.sessions.len() as u32 + 1;
        self.parts.sessions.push(Session {
            id: SessionId::new(id).expect("id"),
            number,
            kind: SessionKind::Final,
            date: Date::parse("2026-04-20").expect("date"),
            start: TimeOfDay::parse("10:00").expect("time"),
            end: None,
            place: "Sala".into(),
            present: vec![],
            notes: vec![],
            draws: vec![],
            amendments: vec![],
            collegial,
            events,
            seal: None,
        });
        self
    }

    pub fn workspace(self) -> Workspace {
        let (ws, problems) = Workspace::assemble(self.parts);
        assert!(problems.is_empty(), "{problems:#?}");
        ws.expect("a consistent workspace")
    }
}

/// A collegial judgement on `criterion` of `protocol`.
pub fn collegial(protocol: &str, criterion: &str) -> Collegial {
    Collegial {
        application: pid(protocol),
        criterion: cid(criterion),
        reason: format!("Motivazione collegiale su {criterion}"),
        value: None,
        dissents: vec![],
    }
}

/// An event on `protocol`, with its act and reason.
pub fn event(kind: EventKind, protocol: &str) -> Event {
    Event {
        kind,
        application: pid(protocol),
        act: "nota PEC prot. n. 9120 del 14/04/2026".into(),
        reason: "come da nota".into(),
    }
}
