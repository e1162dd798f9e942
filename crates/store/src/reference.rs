//! Imports the reference tables embedded in `loket-domain` into the database.
//!
//! Offices are reference data owned by the project: a newer embedded version replaces them.
//! Holidays are imported once; after that an admin owns them (decrees get amended), so a later
//! release never overwrites an admin's correction.

use chrono::Utc;
use loket_domain::{Holiday, OfficeCatalog};

use crate::error::StoreError;
use crate::open::Store;

const OFFICES_VERSION: i64 = 1;
const HOLIDAYS_VERSION: i64 = 1;

pub(crate) async fn import(store: &Store) -> Result<(), StoreError> {
    let mut tx = store.pool().begin().await?;
    let version = |name: &'static str| {
        sqlx::query_scalar::<_, i64>("SELECT version FROM reference_imports WHERE name = ?")
            .bind(name)
    };
    let now = Utc::now().to_rfc3339();

    if version("offices")
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(0)
        < OFFICES_VERSION
    {
        let catalog = OfficeCatalog::embedded().map_err(StoreError::corrupt)?;
        for o in catalog.all() {
            sqlx::query(
                "INSERT INTO offices (slug, name, kelas, city, province, kabkota_code, zone, iana_tz)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kelas = excluded.kelas,
                   city = excluded.city, province = excluded.province, kabkota_code = excluded.kabkota_code,
                   zone = excluded.zone, iana_tz = excluded.iana_tz",
            )
            .bind(o.slug.as_str())
            .bind(&o.name)
            .bind(&o.kelas)
            .bind(&o.city)
            .bind(&o.province)
            .bind(&o.kabkota_code)
            .bind(o.zone.as_str())
            .bind(o.tz.name())
            .execute(&mut *tx)
            .await?;
        }
        mark(&mut tx, "offices", OFFICES_VERSION, &now).await?;
    }

    if version("holidays")
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(0)
        < HOLIDAYS_VERSION
    {
        for h in Holiday::embedded().map_err(StoreError::corrupt)? {
            sqlx::query(
                "INSERT OR IGNORE INTO holidays (date, kind, name, decree) VALUES (?, ?, ?, ?)",
            )
            .bind(h.date.to_string())
            .bind(h.kind.as_str())
            .bind(&h.name)
            .bind(&h.decree)
            .execute(&mut *tx)
            .await?;
        }
        mark(&mut tx, "holidays", HOLIDAYS_VERSION, &now).await?;
    }

    // The device row exists from the first open: its id names this PC in every outbox entry.
    sqlx::query("INSERT OR IGNORE INTO device (id, device_id, created_utc) VALUES (1, ?, ?)")
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn mark(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    name: &str,
    version: i64,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT OR REPLACE INTO reference_imports (name, version, imported_utc) VALUES (?, ?, ?)",
    )
    .bind(name)
    .bind(version)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
