//! Signing in: argon2id hashes, five failures lock an account for five minutes.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use loket_domain::{LoginThrottle, Password, Permission, Role, Username};
use loket_store::UserRow;
use serde_json::json;

use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{LoginRequest, UserView};

/// The signed-in user, as the use cases see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub username: String,
    pub role: Role,
}

impl Actor {
    pub(crate) fn require(
        &self,
        permission: Permission,
        action: &'static str,
    ) -> Result<(), AppError> {
        if self.role.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                role: self.role.label(),
                action,
            })
        }
    }
}

/// Hashes on a blocking thread: argon2id is deliberately slow and must not stall the async runtime.
pub(crate) async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hash kata sandi: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| AppError::Internal(format!("hash tersimpan rusak: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

// A fixed hash to verify against when the username does not exist, so that a wrong username
// costs the same time as a wrong password and does not reveal which accounts exist.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Vf4CxSLWcnCLDXsbzYbYIF5mmTqj+rBWpyrjzyaTtrA";

impl Loket {
    pub async fn login(&self, req: &LoginRequest) -> Result<(Actor, UserView), AppError> {
        if req.username.trim().is_empty() || req.password.is_empty() {
            return Err(AppError::Validation(
                "Nama pengguna dan kata sandi wajib diisi.".into(),
            ));
        }
        let office = self.office().await?;
        let Ok(username) = Username::parse(&req.username) else {
            return Err(AppError::InvalidCredentials { remaining: None });
        };
        let Some(user) = self.store.user_by_username(username.as_str()).await? else {
            verify_password(req.password.clone(), DECOY_HASH.into()).await?;
            return Err(AppError::InvalidCredentials { remaining: None });
        };
        let now = self.clock.now();
        let throttle = LoginThrottle {
            failed_attempts: u32::try_from(user.failed_attempts).unwrap_or(u32::MAX),
            locked_until: user.locked_until_utc,
        };
        if let Some(until) = throttle.locked_at(now) {
            return Err(AppError::Locked {
                until_local: office.local_time(until).format("%H:%M").to_string(),
            });
        }
        if user.disabled {
            return Err(AppError::Disabled);
        }
        let ok = verify_password(req.password.clone(), user.password_hash.clone()).await?;
        let mut tx = self.store.begin().await?;
        let result = if ok {
            tx.set_login_throttle(&user.id, 0, None).await?;
            self.record(
                &mut tx,
                &office,
                &user.username,
                "auth.masuk",
                json!({ "user_id": user.id }),
            )
            .await?;
            Ok(())
        } else {
            let next = throttle.after_failure(now);
            tx.set_login_throttle(&user.id, next.failed_attempts, next.locked_until)
                .await?;
            let locked = next.locked_at(now);
            let op = if locked.is_some() {
                "auth.akun_terkunci"
            } else {
                "auth.gagal_masuk"
            };
            self.record(
                &mut tx,
                &office,
                &user.username,
                op,
                json!({ "user_id": user.id, "percobaan": next.failed_attempts }),
            )
            .await?;
            Err(match locked {
                Some(until) => AppError::Locked {
                    until_local: office.local_time(until).format("%H:%M").to_string(),
                },
                None => AppError::InvalidCredentials {
                    remaining: Some(
                        LoginThrottle::MAX_ATTEMPTS.saturating_sub(next.failed_attempts),
                    ),
                },
            })
        };
        tx.commit().await?;
        result?;
        tracing::info!(user = %user.username, role = %user.role, "signed in");
        let actor = actor_of(&user)?;
        Ok((actor, self.user_view(&office, user)?))
    }

    /// Re-reads the actor from the database: a user disabled by the admin loses access at once.
    pub async fn refresh_actor(&self, actor: &Actor) -> Result<Actor, AppError> {
        let user = self
            .store
            .user_by_id(&actor.user_id)
            .await?
            .ok_or(AppError::AuthRequired)?;
        if user.disabled {
            return Err(AppError::Disabled);
        }
        actor_of(&user)
    }

    pub(crate) fn user_view(
        &self,
        office: &loket_domain::Office,
        u: UserRow,
    ) -> Result<UserView, AppError> {
        let now = self.clock.now();
        Ok(UserView {
            role: Role::try_from(u.role.as_str())?,
            locked_until_local: u
                .locked_until_utc
                .filter(|t| *t > now)
                .map(|t| office.local_time(t).format("%H:%M").to_string()),
            id: u.id,
            username: u.username,
            full_name: u.full_name,
            nip: u.nip,
            disabled: u.disabled,
        })
    }
}

fn actor_of(user: &UserRow) -> Result<Actor, AppError> {
    Ok(Actor {
        user_id: user.id.clone(),
        username: user.username.clone(),
        role: Role::try_from(user.role.as_str())?,
    })
}

impl Loket {
    /// The signed-in user's own record, for the header.
    pub async fn current_user(&self, actor: &Actor) -> Result<UserView, AppError> {
        let office = self.office().await?;
        let row = self
            .store
            .user_by_id(&actor.user_id)
            .await?
            .ok_or(AppError::AuthRequired)?;
        self.user_view(&office, row)
    }
}
