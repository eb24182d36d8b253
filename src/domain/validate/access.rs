//! The register of access requests against the applications and the criteria it names.

use super::messages;
use super::*;
use crate::domain::access::AccessRegister;

pub(super) fn check_access(
    access: &mut AccessRegister,
    call: &Call,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    let known = |p: &Protocol| applications.contains_key(p) || unavailable.contains(p);
    let mut ids = BTreeSet::new();
    access.requests.retain_mut(|r| {
        if !ids.insert(r.id.clone()) {
            report.add("id", &r.id, messages::request_twice(&r.id));
            return false;
        }
        if let Some(p) = &r.application
            && !known(p)
        {
            report.add("application", p, messages::request_of_missing(&r.id, p));
            r.application = None;
        }
        r.counterparts.retain(|c| {
            let ok = known(&c.application);
            if !ok {
                report.add(
                    "application",
                    &c.application,
                    messages::request_notifies_missing(&r.id, &c.application),
                );
            }
            ok
        });
        true
    });
    access.secrets.retain(|s| {
        if !known(&s.application) {
            report.add(
                "application",
                &s.application,
                messages::secret_of_missing(&s.application),
            );
            return false;
        }
        if let Some(c) = s.criteria.iter().find(|c| call.criterion(c).is_none()) {
            report.add(
                "criteria",
                c,
                messages::secret_names_missing_criterion(&s.application, c),
            );
            return false;
        }
        true
    });
}
