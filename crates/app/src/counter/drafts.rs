//! Drafts of forms in progress, so a crash or a closed window loses nothing the officer typed.

use loket_domain::Permission;

use crate::auth::Actor;
use crate::error::AppError;
use crate::input::parse_utc;
use crate::loket::Loket;
use crate::view::Draft;

/// Forms that keep drafts. A closed list, so the table never fills with made-up kinds.
const KINDS: [&str; 1] = [super::walkin::WALK_IN_DRAFT];
/// A draft bigger than this is not a form (five applicants fit in a few kilobytes).
const MAX_DRAFT: usize = 64 * 1024;

fn kind(k: &str) -> Result<&'static str, AppError> {
    KINDS.into_iter().find(|x| *x == k).ok_or_else(|| {
        AppError::Validation(loket_domain::text!(
            "Jenis draf '{k}' tidak dikenal.",
            "The draft kind '{k}' is not known."
        ))
    })
}

impl Loket {
    pub async fn save_draft(&self, actor: &Actor, k: &str, body: &str) -> Result<(), AppError> {
        actor.require(Permission::ServeCounter, ("menyimpan draf", "save drafts"))?;
        if body.len() > MAX_DRAFT {
            return Err(AppError::Validation(loket_domain::text!(
                "Draf terlalu besar.",
                "The draft is too large."
            )));
        }
        Ok(self
            .store
            .save_draft(kind(k)?, &actor.username, body, self.clock.now())
            .await?)
    }

    pub async fn draft(&self, actor: &Actor, k: &str) -> Result<Option<Draft>, AppError> {
        actor.require(Permission::ServeCounter, ("membuka draf", "open drafts"))?;
        let office = self.office().await?;
        Ok(self
            .store
            .draft(kind(k)?, &actor.username)
            .await?
            .map(|(body, at)| Draft {
                body,
                updated_at: parse_utc(&at)
                    .map(|t| office.local_time(t).format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or(at),
            }))
    }

    pub async fn discard_draft(&self, actor: &Actor, k: &str) -> Result<(), AppError> {
        actor.require(
            Permission::ServeCounter,
            ("membuang draf", "discard drafts"),
        )?;
        Ok(self.store.discard_draft(kind(k)?, &actor.username).await?)
    }
}
