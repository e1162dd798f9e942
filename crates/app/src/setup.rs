//! First run: which office this PC belongs to, and its first admin.

use loket_domain::op::SetupDone;
use loket_domain::{Author, CounterCode, FullName, Op, Password, Role, Username};
use loket_store::NewUser;

use crate::auth::hash_password;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{AppStatus, DemoAccount, OfficeView, SetupRequest, UserView};

impl Loket {
    pub async fn status(&self, user: Option<UserView>) -> Result<AppStatus, AppError> {
        let device = self.store.device().await?;
        let office = match &device.office_slug {
            Some(slug) => Some(OfficeView::from(self.offices.get(slug)?)),
            None => None,
        };
        let lock_idle_minutes = self.lock_idle_minutes().await?;
        Ok(AppStatus {
            setup_done: office.is_some(),
            office,
            demo: device.demo,
            counter_code: device.counter_code.to_string(),
            restore_notice: self
                .restore_notice
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            user,
            demo_accounts: if device.demo {
                crate::demo::accounts()
            } else {
                Vec::<DemoAccount>::new()
            },
            lock_idle_minutes,
            screen_locked: false,
        })
    }

    pub fn list_offices(&self) -> Vec<OfficeView> {
        self.offices.all().iter().map(OfficeView::from).collect()
    }

    /// Binds this PC to an office and creates its admin, in one transaction.
    pub async fn complete_setup(&self, req: &SetupRequest) -> Result<(), AppError> {
        self.setup_office(req, false).await
    }

    pub(crate) async fn setup_office(
        &self,
        req: &SetupRequest,
        demo: bool,
    ) -> Result<(), AppError> {
        if self.store.device().await?.office_slug.is_some() {
            return Err(AppError::SetupDone);
        }
        let office = self.offices.get(req.office_slug.trim())?.clone();
        let counter = CounterCode::parse(&req.counter_code).map_err(AppError::invalid)?;
        let username = Username::parse(&req.admin_username)?;
        let full_name = FullName::parse(&req.admin_full_name)?;
        let hash = hash_password(Password::parse(&req.admin_password)?).await?;
        let id = uuid::Uuid::now_v7().to_string();

        let mut tx = self.store.begin().await?;
        if !tx.set_office(office.slug.as_str(), demo, &counter).await? {
            return Err(AppError::SetupDone);
        }
        tx.insert_user(&NewUser {
            id: &id,
            username: username.as_str(),
            full_name: full_name.as_str(),
            nip: None,
            role: Role::Admin.as_str(),
            password_hash: &hash,
            created_utc: self.clock.now(),
        })
        .await?;
        let op = Op::SetupDone(SetupDone {
            office: office.slug.as_str().to_owned(),
            counter,
            admin_user_id: crate::auth::id(&id)?,
            admin_username: username.as_str().to_owned(),
            demo,
        });
        self.record(&mut tx, &office, &Author::system(), op).await?;
        tx.commit().await?;
        tracing::info!(office = office.slug.as_str(), demo, "office set up");
        Ok(())
    }
}
