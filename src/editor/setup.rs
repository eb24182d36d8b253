//! Changes made while setting up a call: an application registered by mistake is removed with
//! its reason, and stays on record for the next verbale.

use super::change::{Change, compact};
use super::{EditError, Editor, messages};
use crate::domain::{Protocol, Removal};

impl Editor {
    pub(super) fn unregister(
        &mut self,
        application: Protocol,
        reason: String,
    ) -> Result<Change, EditError> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(EditError::Invalid(vec![
                messages::REMOVAL_NEEDS_REASON.into(),
            ]));
        }
        let mut app = self.application(&application)?;
        let before = compact(&app);
        let after = self
            .workspace
            .sessions_in_order()
            .into_iter()
            .rev()
            .find(|s| s.is_closed())
            .map(|s| s.id.clone());
        app.removed = Some(Removal {
            reason: reason.clone(),
            at: (self.clock)(),
            after,
        });
        let after = compact(&app);
        let description = messages::application_removed_by_mistake(&application, &reason);
        self.application_change(app, description, before, after)
    }
}
