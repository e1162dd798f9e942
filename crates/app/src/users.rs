//! The admin's user management: add, disable and reset officers.

use loket_domain::Op;
use loket_domain::op::{UserCreated, UserRef};
use loket_domain::{FullName, Nip, Password, Permission, Username};
use loket_store::NewUser;

use crate::auth::{Actor, hash_password};
use crate::error::{AppError, Missing};
use crate::loket::Loket;
use crate::view::{NewUserRequest, UserView};

impl Loket {
    pub async fn list_users(&self, actor: &Actor) -> Result<Vec<UserView>, AppError> {
        actor.require(
            Permission::ManageUsers,
            ("mengelola pengguna", "manage users"),
        )?;
        let office = self.office().await?;
        self.store
            .users()
            .await?
            .into_iter()
            .map(|u| self.user_view(&office, u))
            .collect()
    }

    pub async fn create_user(
        &self,
        actor: &Actor,
        req: &NewUserRequest,
    ) -> Result<UserView, AppError> {
        actor.require(
            Permission::ManageUsers,
            ("mengelola pengguna", "manage users"),
        )?;
        let office = self.office().await?;
        let username = Username::parse(&req.username)?;
        let full_name = FullName::parse(&req.full_name)?;
        let nip = match req.nip.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(n) => Some(Nip::parse(n)?),
        };
        let hash = hash_password(Password::parse(&req.password)?).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.store.begin().await?;
        tx.insert_user(&NewUser {
            id: &id,
            username: username.as_str(),
            full_name: full_name.as_str(),
            nip: nip.as_ref().map(Nip::as_str),
            role: req.role.as_str(),
            password_hash: &hash,
            created_utc: self.clock.now(),
        })
        .await?;
        let op = Op::UserCreated(UserCreated {
            user_id: crate::auth::id(&id)?,
            username: username.as_str().to_owned(),
            full_name: full_name.as_str().to_owned(),
            role: req.role,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.user(&office, &id).await
    }

    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        user_id: &str,
        disabled: bool,
    ) -> Result<UserView, AppError> {
        actor.require(
            Permission::ManageUsers,
            ("mengelola pengguna", "manage users"),
        )?;
        if disabled && user_id == actor.user_id {
            return Err(AppError::Conflict(loket_domain::text!(
                "Anda tidak dapat menonaktifkan akun Anda sendiri.",
                "You cannot disable your own account."
            )));
        }
        let office = self.office().await?;
        let mut tx = self.store.begin().await?;
        if !tx.set_user_disabled(user_id, disabled).await? {
            return Err(AppError::NotFound(Missing::User));
        }
        let user = UserRef {
            user_id: crate::auth::id(user_id)?,
        };
        let op = if disabled {
            Op::UserDisabled(user)
        } else {
            Op::UserEnabled(user)
        };
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.user(&office, user_id).await
    }

    pub async fn reset_password(
        &self,
        actor: &Actor,
        user_id: &str,
        new_password: &str,
    ) -> Result<(), AppError> {
        actor.require(
            Permission::ManageUsers,
            ("mengelola pengguna", "manage users"),
        )?;
        let office = self.office().await?;
        let hash = hash_password(Password::parse(new_password)?).await?;
        let mut tx = self.store.begin().await?;
        if !tx.set_password_hash(user_id, &hash).await? {
            return Err(AppError::NotFound(Missing::User));
        }
        let op = Op::PasswordReset(UserRef {
            user_id: crate::auth::id(user_id)?,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user(&self, office: &loket_domain::Office, id: &str) -> Result<UserView, AppError> {
        let row = self
            .store
            .user_by_id(id)
            .await?
            .ok_or(AppError::NotFound(Missing::User))?;
        self.user_view(office, row)
    }
}
