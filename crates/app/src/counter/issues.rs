//! Problems found in a form, each tied to its field: errors that block saving and warnings the
//! officer acknowledges one by one (by `key`). The walk-in form and a renewal's old passport fill
//! the same list.

use loket_domain::{Bilingual, Severity};

use crate::view::FieldIssue;

pub(super) struct Issues(pub(super) Vec<FieldIssue>);

impl Issues {
    pub(super) fn error(&mut self, field: impl Into<String>, message: impl Bilingual) {
        let field = field.into();
        self.0.push(FieldIssue {
            key: format!("{field}:error"),
            field,
            severity: Severity::Error,
            message: message.text(),
        });
    }

    pub(super) fn warning(
        &mut self,
        field: impl Into<String>,
        kind: &str,
        message: impl Bilingual,
    ) {
        let field = field.into();
        self.0.push(FieldIssue {
            key: format!("{field}:{kind}"),
            field,
            severity: Severity::Warning,
            message: message.text(),
        });
    }
}
