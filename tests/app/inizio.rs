//! The start screen: the first start opens no call and offers a new call, opening one, the
//! recent ones and the sample; a sample says it is one.

use commissione::app::{App, Settings, strings as s};
use commissione::domain::Date;
use commissione::templates::Template;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

/// The first start opens no call: the start screen offers a new call, opening one, the recent
/// ones and the sample. A sample, once open, says in a banner that it is one, with the way to a
/// new call; a call of one's own says nothing of the kind.
#[test]
fn the_start_screen_offers_its_choices_and_a_sample_says_it_is_one() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = start_screen(tmp.path());
    h.run();
    assert!(h.state().work().is_none());
    for choice in [s::NEW_CALL, s::PICK_FOLDER, s::SAMPLE_OPEN] {
        h.get_by_role_and_label(egui::accesskit::Role::Button, choice);
    }
    h.get_by_label(&tmp.path().join("nessuno").display().to_string());

    let sample = tmp.path().join("esempio");
    commissione::samples::write("sondrio-coworking", &sample).unwrap();
    let banner = s::sample_banner("sondrio-coworking");
    let app = App::new(Settings::default(), Some(sample.clone()));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    // Said already where the user says who they are.
    h.get_by_label(s::WHO_ARE_YOU);
    h.get_by_label(&banner);
    press(&mut h, s::ROLE_SECRETARIAT);
    assert!(h.state().work().is_some());
    h.get_by_label(&banner);
    // The banner's way to a new call leaves the sample for the new-call page.
    press(&mut h, s::NEW_CALL);
    assert!(h.state().work().is_none());
    h.get_by_label(s::NEW_CALL_KIND);

    let own = tmp.path().join("proprio");
    commissione::templates::create(&own, Template::Spazi, Date::parse("2026-03-02").unwrap())
        .unwrap();
    let app = App::new(Settings::default(), Some(own));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    press(&mut h, s::ROLE_SECRETARIAT);
    assert!(h.state().work().is_some());
    assert!(
        h.query_by_label_contains("avviso di esempio").is_none(),
        "a call of one's own is not a sample"
    );
}
