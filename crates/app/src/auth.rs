//! Signing in: argon2id hashes, five failures lock an account for five minutes.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use loket_domain::op::{AccountLocked, SignInFailed, UserRef};
use loket_domain::{Author, LoginThrottle, Op, Password, Permission, Role, Username};
use loket_store::UserRow;

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

/// A stored id (a UUID the store wrote) as the typed value outbox entries carry.
pub(crate) fn id(s: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(s).map_err(|_| AppError::Internal(format!("id rusak: {s}")))
}

impl Actor {
    /// Who the outbox records: the user's id (the same on every PC) and the name.
    pub(crate) fn author(&self) -> Result<Author, AppError> {
        Ok(Author::user(id(&self.user_id)?, &self.username))
    }

    pub(crate) fn require(
        &self,
        permission: Permission,
        action: crate::error::Action,
    ) -> Result<(), AppError> {
        if self.role.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                role: self.role,
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
            return Err(AppError::Validation(loket_domain::text!(
                "Nama pengguna dan kata sandi wajib diisi.",
                "Enter the username and the password."
            )));
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
            let user_id = id(&user.id)?;
            self.record(
                &mut tx,
                &office,
                &Author::user(user_id, &user.username),
                Op::SignedIn(UserRef { user_id }),
            )
            .await?;
            Ok(())
        } else {
            let next = throttle.after_failure(now);
            tx.set_login_throttle(&user.id, next.failed_attempts, next.locked_until)
                .await?;
            let locked = next.locked_at(now);
            let user_id = id(&user.id)?;
            let op = match locked {
                Some(until_utc) => Op::AccountLocked(AccountLocked {
                    user_id,
                    attempt: next.failed_attempts,
                    until_utc,
                }),
                None => Op::SignInFailed(SignInFailed {
                    user_id,
                    attempt: next.failed_attempts,
                }),
            };
            self.record(&mut tx, &office, &Author::user(user_id, &user.username), op)
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
