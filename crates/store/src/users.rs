use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub nip: Option<String>,
    pub role: String,
    pub password_hash: String,
    pub disabled: bool,
    pub failed_attempts: i64,
    pub locked_until_utc: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub full_name: &'a str,
    pub nip: Option<&'a str>,
    pub role: &'a str,
    pub password_hash: &'a str,
    pub created_utc: DateTime<Utc>,
}

const COLUMNS: &str = "id, username, full_name, nip, role, password_hash, disabled, failed_attempts, locked_until_utc";

impl Store {
    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = ?"))
                .bind(username)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM users ORDER BY role, username"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn user_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?)
    }
}

impl Tx {
    pub async fn insert_user(&mut self, u: &NewUser<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO users (id, username, full_name, nip, role, password_hash, created_utc)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(u.id)
        .bind(u.username)
        .bind(u.full_name)
        .bind(u.nip)
        .bind(u.role)
        .bind(u.password_hash)
        .bind(u.created_utc)
        .execute(self.conn())
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::DuplicateUsername,
            e => e.into(),
        })?;
        Ok(())
    }

    pub async fn set_login_throttle(
        &mut self,
        user_id: &str,
        failed_attempts: u32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET failed_attempts = ?, locked_until_utc = ? WHERE id = ?")
            .bind(i64::from(failed_attempts))
            .bind(locked_until)
            .bind(user_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn set_user_disabled(
        &mut self,
        user_id: &str,
        disabled: bool,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query("UPDATE users SET disabled = ? WHERE id = ?")
            .bind(disabled)
            .bind(user_id)
            .execute(self.conn())
            .await?
            .rows_affected()
            == 1)
    }

    /// A reset also lifts a lock: the admin has just spoken to the officer.
    pub async fn set_password_hash(
        &mut self,
        user_id: &str,
        hash: &str,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until_utc = NULL WHERE id = ?",
        )
        .bind(hash)
        .bind(user_id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}
