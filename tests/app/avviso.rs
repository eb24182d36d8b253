//! The Avviso view edits every part of a call, each edit one command that Ctrl+Z undoes and
//! Ctrl+Shift+Z redoes: lots added, moved and removed with their allocation; criteria moved,
//! removed, on levels or on a declared figure; the scoring rules; the funding rules and a
//! category's cap; the judgement scale, the documents, the legal forms; a member replaced.

use std::path::Path;

use commissione::app::{App, View, strings as s};
use commissione::domain::{Allocation, Call, CapBase, Date, Measure, RescaleAmong, Scoring};
use commissione::editor::Actor;
use commissione::templates::Template;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::support::*;

/// A blank call, opened by the secretariat on the Avviso view.
fn blank(dir: &Path) -> Harness<'static, App> {
    commissione::templates::create(dir, Template::Blank, Date::parse("2026-03-02").unwrap())
        .unwrap();
    let mut h = harness(dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_AVVISO);
    assert_eq!(h.state().view(), View::Avviso);
    h
}

fn call(h: &Harness<App>) -> Call {
    h.state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .call()
        .clone()
}

/// The call as saved on disk.
fn saved(dir: &Path) -> Call {
    commissione::workspace::load(dir)
        .workspace
        .unwrap()
        .call()
        .clone()
}

fn undo(h: &mut Harness<App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn redo(h: &mut Harness<App>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
}

fn lot_ids(call: &Call) -> Vec<String> {
    call.lots.iter().map(|l| l.id.to_string()).collect()
}

fn criterion_ids(call: &Call) -> Vec<String> {
    call.criteria.iter().map(|c| c.id.to_string()).collect()
}

#[test]
fn lots_are_added_moved_removed_and_each_change_undone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let mut h = blank(&dir);
    press(&mut h, s::TAB_LOTS);
    press(&mut h, s::ADD_LOT);
    press(&mut h, s::ADD_LOT);
    fill(&mut h, &s::lot_field(s::LOT_NAME, 3), "Spazio di via Roma");
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-2", "lotto-3"]);
    press(&mut h, &s::lot_field(s::SHIFT_UP, 3));
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3", "lotto-2"]);
    // The third shown is now lotto-2.
    press(&mut h, &s::lot_field(s::REMOVE_LOT, 3));
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3"]);
    assert_eq!(call(&h).lots[1].name, "Spazio di via Roma");

    choose(
        &mut h,
        &s::lot_field(s::LOT_ALLOCATION, 1),
        s::ALLOCATION_DOWN,
    );
    press(&mut h, &s::lot_field(s::ALLOCATION_PARTIAL, 1));
    assert_eq!(
        call(&h).lots[0].allocation,
        Allocation::UntilExhausted {
            partial: true,
            skip_when_not_fitting: false
        }
    );
    choose(
        &mut h,
        &s::lot_field(s::LOT_ALLOCATION, 2),
        s::ALLOCATION_PRO_RATA,
    );
    assert_eq!(call(&h).lots[1].allocation, Allocation::ProRata);
    assert_clean(&h);
    assert_eq!(saved(&dir), call(&h));

    // Back, one command at a time: the allocation, the partial funding, the removed lot.
    undo(&mut h);
    assert_eq!(call(&h).lots[1].allocation, Allocation::SingleWinner);
    undo(&mut h);
    undo(&mut h);
    undo(&mut h);
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3", "lotto-2"]);
    assert_eq!(saved(&dir), call(&h));
    redo(&mut h);
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3"]);
    assert_eq!(saved(&dir), call(&h));
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(journal.contains("lotto-2"), "{journal}");
}

#[test]
fn criteria_are_moved_removed_and_given_levels_or_a_declared_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let mut h = blank(&dir);
    press(&mut h, s::TAB_CRITERIA);
    press(&mut h, s::ADD_CRITERION);
    press(&mut h, s::ADD_CRITERION);
    assert_eq!(criterion_ids(&call(&h)), ["A", "B", "C"]);
    press(&mut h, &s::criterion_field(s::SHIFT_UP, "C"));
    assert_eq!(criterion_ids(&call(&h)), ["A", "C", "B"]);
    press(&mut h, &s::criterion_field(s::REMOVE_CRITERION, "B"));
    assert_eq!(criterion_ids(&call(&h)), ["A", "C"]);

    // C on levels: Sì at its maximum and No at 0 to start with, one more added.
    choose(
        &mut h,
        &s::criterion_field(s::CRITERION_METHOD, "C"),
        s::METHOD_CHOICE_LEVELS,
    );
    press(&mut h, &s::criterion_field(s::ADD_LEVEL, "C"));
    fill(
        &mut h,
        &s::level_field(s::LEVEL_LABEL, "livello-3", "C"),
        "In parte",
    );
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "4",
    );
    let c = call(&h).criterion(&cid("C")).unwrap().clone();
    let Scoring::Levels(levels) = &c.scoring else {
        panic!("{:?}", c.scoring)
    };
    let levels: Vec<(String, String)> = levels
        .iter()
        .map(|l| (l.label.clone(), l.points.value().to_string()))
        .collect();
    assert_eq!(
        levels,
        [
            ("Sì".to_string(), c.max.value().to_string()),
            ("No".into(), "0".into()),
            ("In parte".into(), "4".into())
        ]
    );
    // A level worth more than the criterion is said beside it, and not saved.
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "40",
    );
    h.get_by_label_contains("«In parte» varrebbe 40 punti, più del massimo del criterio (10)");
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(saved(&dir), call(&h));
    // And so is a maximum below a level.
    fill(&mut h, &s::criterion_field(s::CRITERION_MAX, "C"), "3");
    h.get_by_label_contains("«Sì» varrebbe 10 punti, più del massimo del criterio (3)");
    fill(&mut h, &s::criterion_field(s::CRITERION_MAX, "C"), "10");
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "5",
    );

    // A on a figure the applicant declares: its unit is asked for.
    choose(
        &mut h,
        &s::criterion_field(s::CRITERION_METHOD, "A"),
        s::METHOD_CHOICE_DECLARED,
    );
    h.get_by_label_contains("manca l'unità di misura del dato dichiarato");
    fill(
        &mut h,
        &s::criterion_field(s::DECLARED_UNIT_NAME, "A"),
        "ore di apertura settimanali",
    );
    assert!(
        h.query_by_label_contains("manca l'unità di misura")
            .is_none()
    );
    assert_eq!(
        call(&h).criterion(&cid("A")).unwrap().scoring,
        Scoring::Linear {
            measure: Measure::Declared {
                unit: "ore di apertura settimanali".into()
            }
        }
    );

    // The scoring rules: decimals, riparametrazione among all admitted, the second one.
    fill(&mut h, s::DECIMALS, "3");
    press(&mut h, s::RESCALE_AMONG_ADMITTED);
    press(&mut h, s::RESCALE_TOTALS_CHOICE);
    let c = call(&h);
    assert_eq!(
        (c.decimals, c.rescale_among, c.rescale_totals),
        (3, RescaleAmong::Admitted, true)
    );
    assert_clean(&h);
    assert_eq!(saved(&dir), call(&h));
    undo(&mut h);
    assert!(!call(&h).rescale_totals);
    assert_eq!(call(&h).rescale_among, RescaleAmong::Admitted);
    assert_eq!(saved(&dir), call(&h));
}

fn cid(c: &str) -> commissione::domain::CriterionId {
    commissione::domain::CriterionId::new(c).unwrap()
}

/// A commission of four: a president, two commissioners and a secretary.
fn appoint(dir: &Path) {
    use commissione::domain::{Commission, Member, MemberId, Role};
    let member = |id: &str, name: &str, role| Member {
        id: MemberId::new(id).unwrap(),
        name: name.into(),
        role,
        qualification: "Funzionario".into(),
        replaced: None,
        substitute: None,
    };
    let mut editor = commissione::editor::Editor::open(dir, Actor::Secretariat).unwrap();
    editor
        .apply(commissione::editor::Command::PutCommission(Box::new(
            Commission {
                appointed_by: "Determinazione n. 88 del 01/04/2026".into(),
                members: vec![
                    member("rossi", "Dott.ssa Maria Rossi", Role::President),
                    member("bianchi", "Dott. Luca Bianchi", Role::Commissioner),
                    member("verdi", "Sig.ra Anna Verdi", Role::Commissioner),
                    member("neri", "Sig. Paolo Neri", Role::Secretary),
                ],
            },
        )))
        .unwrap();
}

#[test]
fn funding_scale_documents_forms_and_a_member_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    std::fs::create_dir_all(&dir).unwrap();
    commissione::templates::create(&dir, Template::Blank, Date::parse("2026-03-02").unwrap())
        .unwrap();
    appoint(&dir);
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_AVVISO);

    // Funding: the in-kind cap, a ceiling per project, a category capped on the direct costs.
    press(&mut h, s::TAB_FUNDING);
    fill(&mut h, s::FUNDING_IN_KIND, "50");
    fill(&mut h, s::FUNDING_PER_PROJECT, "30.000");
    fill(&mut h, s::NEW_CATEGORY, "Spese generali");
    let category = call(&h).budget_categories[0].id.to_string();
    assert_eq!(category, "spese_generali");
    press(&mut h, &s::category_field(s::CATEGORY_CAPPED, &category));
    fill(&mut h, &s::category_field(s::CATEGORY_CAP, &category), "10");
    press(&mut h, s::CAP_OF_DIRECT);
    let f = call(&h).funding;
    assert_eq!(
        f.in_kind_max_share_of_cofinancing.map(|x| x.to_string()),
        Some("0.50".into())
    );
    assert_eq!(
        f.max_contribution_per_project.map(|x| x.to_string()),
        Some("30000.00".into())
    );
    assert_eq!(f.category_caps.len(), 1);
    assert_eq!(f.category_caps[0].max_share.to_string(), "0.10");
    assert_eq!(f.category_caps[0].of, CapBase::DirectCosts);

    // The scale, the discordance gap, the documents, the legal forms.
    press(&mut h, s::TAB_DOCUMENTS);
    press(&mut h, s::ADD_JUDGEMENT);
    fill(
        &mut h,
        &s::judgement_field(s::JUDGEMENT_LABEL, 7),
        "parziale",
    );
    fill(
        &mut h,
        &s::judgement_field(s::JUDGEMENT_COEFFICIENT, 7),
        "0,3",
    );
    press(&mut h, &s::judgement_field(s::SHIFT_UP, 7));
    fill(&mut h, s::DISCORDANCE_GAP, "30");
    fill(&mut h, s::NEW_DOCUMENT, "Accordo di partenariato");
    let document = call(&h).required_documents[0].id.to_string();
    press(&mut h, &s::document_field(s::DOCUMENT_ONLY_ATS, &document));
    press(&mut h, "cooperativa sociale");
    press(&mut h, "organizzazione di volontariato");
    press(&mut h, s::INFORMAL_CHOICE);
    let c = call(&h);
    let scale: Vec<(String, String)> = c
        .judgement_scale
        .iter()
        .map(|j| (j.label.clone(), j.coefficient.value().to_string()))
        .collect();
    assert_eq!(scale[5], ("parziale".to_string(), "0.3".to_string()));
    assert_eq!(scale[6].0, "insufficiente");
    assert_eq!(c.discordance_gap.to_string(), "0.30");
    assert_eq!(c.required_documents.len(), 1);
    assert_eq!(c.required_documents[0].title, "Accordo di partenariato");
    assert!(c.required_documents[0].mandatory && c.required_documents[0].only_ats);
    let forms: Vec<String> = c
        .admitted_legal_forms
        .iter()
        .map(commissione::italian::legal_form)
        .collect();
    // In the list's order, whatever the order of the clicks.
    assert_eq!(
        forms,
        ["organizzazione di volontariato", "cooperativa sociale"]
    );
    assert!(c.informal_groups_allowed);
    assert_clean(&h);
    assert_eq!(saved(&dir), call(&h));

    // Luca Bianchi is replaced by Giulia Ferri, by an act, from a date.
    press(&mut h, s::TAB_COMMISSION);
    press(&mut h, &s::member_field(s::REPLACE_MEMBER, "bianchi"));
    let new = |what: &str| s::form_field(what, s::NEW_MEMBER);
    type_in(&mut h, &new(s::MEMBER_TITLE), "Arch.");
    type_in(&mut h, &new(s::MEMBER_NAME), "Giulia Ferri");
    type_in(&mut h, &new(s::MEMBER_QUALIFICATION), "Funzionario tecnico");
    type_in(
        &mut h,
        &new(s::REPLACEMENT_ACT),
        "Determinazione n. 97 del 14/04/2026",
    );
    type_in(&mut h, &new(s::REPLACEMENT_DATE), "15/04/2026");
    press(&mut h, s::CONFIRM_REPLACEMENT);
    assert_clean(&h);
    let ws = h.state().work().unwrap().editor().workspace().clone();
    let commission = ws.commission();
    let bianchi = commission
        .members
        .iter()
        .find(|m| m.id.as_str() == "bianchi")
        .unwrap();
    let replaced = bianchi.replaced.as_ref().expect("replaced");
    assert_eq!(replaced.act, "Determinazione n. 97 del 14/04/2026");
    assert_eq!(replaced.on, Date::parse("2026-04-15").unwrap());
    let ferri = commission.member(&replaced.by).unwrap();
    assert_eq!(ferri.name, "Arch. Giulia Ferri");
    assert_eq!(ferri.qualification, "Funzionario tecnico");
    let voting: Vec<&str> = commission
        .voting_members()
        .map(|m| m.name.as_str())
        .collect();
    assert!(voting.contains(&"Arch. Giulia Ferri"), "{voting:?}");
    assert!(!voting.contains(&"Dott. Luca Bianchi"), "{voting:?}");
    h.get_by_label_contains(&s::replaced_by(
        "Arch. Giulia Ferri",
        "15/04/2026",
        "Determinazione n. 97 del 14/04/2026",
    ));

    // Undone, the commission is as it was, on disk too.
    undo(&mut h);
    let on_disk = commissione::workspace::load(&dir).workspace.unwrap();
    assert!(
        on_disk
            .commission()
            .members
            .iter()
            .all(|m| m.replaced.is_none())
    );
    assert_eq!(on_disk.commission().members.len(), 4);
}

/// An ATS registered from its PEC with every party's data, then corrected on its page, its
/// documents ticked; each correction one command.
#[test]
fn an_ats_is_registered_by_hand_and_corrected() {
    use commissione::domain::{DocumentStatus, LegalForm};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    commissione::templates::create(&dir, Template::Spazi, Date::parse("2026-03-02").unwrap())
        .unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_CANDIDATURE);
    press(&mut h, s::REGISTER_APPLICATION);
    fill(&mut h, s::PROTOCOL, "2026/7");
    fill(&mut h, s::RECEIVED_AT, "10/03/2026 11:05");
    press(&mut h, s::LOT);
    let last = h.get_all_by_label_contains("Spazio 2").count() - 1;
    h.get_all_by_label_contains("Spazio 2")
        .nth(last)
        .unwrap()
        .click();
    h.run();
    fill(&mut h, s::APPLICATION_TITLE, "Portineria di quartiere");
    type_in(
        &mut h,
        s::SUMMARY,
        "Un presidio aperto sei giorni su sette.",
    );
    let lead = |what: &str| s::party_field(what, s::LEAD);
    type_in(&mut h, &lead(s::PARTY_NAME), "APS Borgo Vivo");
    type_in(&mut h, &lead(s::PARTY_TAX_CODE), "00944850148");
    choose(
        &mut h,
        &lead(s::PARTY_FORM),
        "associazione di promozione sociale",
    );
    type_in(&mut h, &lead(s::PARTY_PEC), "borgovivo@pec.it");
    type_in(&mut h, &lead(s::PARTY_REPRESENTATIVE), "Mario Galli");
    type_in(&mut h, &lead(s::PARTY_ADDRESS), "Via Roma 1, Milano");
    press(&mut h, s::ADD_PARTNER);
    let partner = |what: &str| s::party_field(what, &s::partner_whose(1));
    type_in(&mut h, &partner(s::PARTY_NAME), "Cooperativa Il Faro");
    // A tax code with the wrong check character is said as it is typed.
    type_in(&mut h, &partner(s::PARTY_TAX_CODE), "12345758381");
    h.get_by_label_contains("ha il carattere di controllo errato");
    type_in(&mut h, &partner(s::PARTY_TAX_CODE), "12345758382");
    assert!(
        h.query_by_label_contains("ha il carattere di controllo errato")
            .is_none()
    );
    choose(&mut h, &partner(s::PARTY_FORM), "cooperativa sociale");
    type_in(&mut h, &partner(s::PARTY_PEC), "ilfaro@pec.it");
    press(&mut h, s::REGISTER);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());

    let app = |h: &Harness<App>| {
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .application(&protocol("2026/7"))
            .cloned()
            .expect("registered")
    };
    let a = app(&h);
    assert_eq!(a.lot.as_str(), "spazio-2");
    assert_eq!(a.summary, "Un presidio aperto sei giorni su sette.");
    assert_eq!(
        a.received_at,
        commissione::domain::Moment::parse("2026-03-10T11:05:00+01:00").unwrap()
    );
    assert_eq!(
        a.applicant.legal_form,
        LegalForm::SocialPromotionAssociation
    );
    assert_eq!(a.applicant.representative, "Mario Galli");
    assert_eq!(a.applicant.address, "Via Roma 1, Milano");
    assert_eq!(a.partners.len(), 1);
    assert_eq!(a.partners[0].name, "Cooperativa Il Faro");
    assert_eq!(a.partners[0].tax_code, "12345758382");
    assert_eq!(a.partners[0].legal_form, LegalForm::SocialCooperative);

    // Corrected on its page: the applicant moved, the title shortened.
    fill(
        &mut h,
        &s::app_party_field(s::PARTY_ADDRESS, s::LEAD, "2026/7"),
        "Via Milano 2, Milano",
    );
    fill(
        &mut h,
        &s::app_field(s::APPLICATION_TITLE, "2026/7"),
        "Portineria",
    );
    // The documents checklist: the first document ticked present.
    let first = h
        .state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .call()
        .required_documents[0]
        .id
        .clone();
    h.get_all_by_label(s::MARK_PRESENT)
        .next()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label(s::MARK_PRESENT).next().unwrap().click();
    h.run();
    assert_clean(&h);
    let a = app(&h);
    assert_eq!(a.applicant.address, "Via Milano 2, Milano");
    assert_eq!(a.title, "Portineria");
    assert_eq!(
        a.document(&first).map(|d| d.status),
        Some(DocumentStatus::Present)
    );
    let on_disk = commissione::workspace::load(&dir).workspace.unwrap();
    assert_eq!(on_disk.application(&protocol("2026/7")), Some(&a));

    // Undone one at a time: the document, the title.
    undo(&mut h);
    undo(&mut h);
    let a = app(&h);
    assert_eq!(a.title, "Portineria di quartiere");
    assert_eq!(a.applicant.address, "Via Milano 2, Milano");
    assert!(a.document(&first).is_none());

    // The same protocol written another way is the same number: not registered twice.
    press(&mut h, s::BACK_TO_LIST);
    press(&mut h, s::REGISTER_APPLICATION);
    fill(&mut h, s::PROTOCOL, "2026-7");
    h.get_by_label(&s::protocol_taken("2026-7", "2026/7"));
    assert!(h.get_by_label(s::REGISTER).accesskit_node().is_disabled());
}
