//! Daily backups and the admin's restore, through the use cases, on real files.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use chrono::Duration;
use common::{login, monday_morning, office_in, setup_req};
use loket_app::Actor;
use loket_domain::Bilingual;

async fn admin(o: &common::Office) -> Actor {
    o.loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap()
        .0
}

async fn office(dir: &std::path::Path) -> common::Office {
    let o = office_in(dir, monday_morning()).await;
    o.loket
        .complete_setup(&setup_req("jakartaselatan"))
        .await
        .unwrap();
    o
}

#[tokio::test]
async fn one_backup_is_taken_per_office_day_at_the_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path()).await;
    let first = o
        .loket
        .back_up_if_due()
        .await
        .unwrap()
        .expect("the day's backup");
    assert!(first.path.starts_with(dir.path().join("cadangan")));
    // Started again the same day (23:30 WIB is still Monday): nothing more.
    o.clock.set(monday_morning() + Duration::hours(13));
    assert!(o.loket.back_up_if_due().await.unwrap().is_none());
    // Tuesday 00:30 WIB is a new office day, though it is still Monday in UTC.
    o.clock
        .set(monday_morning() + Duration::hours(14) + Duration::minutes(30));
    assert!(o.loket.back_up_if_due().await.unwrap().is_some());
    let a = admin(&o).await;
    let view = o.loket.backups(&a).await.unwrap();
    assert_eq!(view.files.len(), 2);
    assert_eq!(view.files[0].taken_date, "2026-11-24");
    assert_eq!(view.files[0].taken_time, "00:30");
    assert!(!view.chosen && view.kept == 14);
}

#[tokio::test]
async fn the_admin_chooses_a_writable_folder_and_a_wrong_one_is_refused_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path()).await;
    let a = admin(&o).await;
    let usb = dir.path().join("usb").join("cadangan-loket");
    let view = o
        .loket
        .set_backup_folder(&a, Some(usb.display().to_string()))
        .await
        .unwrap();
    assert!(view.chosen);
    assert_eq!(
        view.files.len(),
        1,
        "the first backup is taken there at once"
    );
    assert!(usb.read_dir().unwrap().count() == 1);

    let relative = o
        .loket
        .set_backup_folder(&a, Some("cadangan".into()))
        .await
        .unwrap_err();
    assert!(
        relative.to_string().contains("lengkap dari akarnya"),
        "{relative}"
    );
    // A file where the folder should be (a USB disk that is not there, mounted as a file).
    let blocked = dir.path().join("bukan-folder");
    std::fs::write(&blocked, "x").unwrap();
    let unwritable = o
        .loket
        .set_backup_folder(&a, Some(blocked.join("cadangan").display().to_string()))
        .await
        .unwrap_err();
    assert!(
        unwritable.to_string().contains("tidak dapat ditulis"),
        "{unwritable}"
    );
    // The refusals changed nothing: backups still go to the USB folder.
    assert_eq!(o.loket.backup_folder().await.unwrap(), usb);

    // Only the admin manages backups.
    o.loket
        .create_user(
            &a,
            &loket_app::NewUserRequest {
                username: "kepala".into(),
                full_name: "Kepala Kantor".into(),
                nip: None,
                role: loket_domain::Role::Kepala,
                password: "sandi-kepala-1".into(),
            },
        )
        .await
        .unwrap();
    let k = o
        .loket
        .login(&login("kepala", "sandi-kepala-1"))
        .await
        .unwrap()
        .0;
    assert_eq!(o.loket.backups(&k).await.unwrap_err().code(), "forbidden");
    assert_eq!(
        o.loket.back_up_now(&k).await.unwrap_err().code(),
        "forbidden"
    );
}

#[tokio::test]
async fn a_checked_backup_is_restored_at_the_next_start_as_a_new_epoch_in_the_admins_name() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path()).await;
    let a = admin(&o).await;
    let view = o.loket.back_up_now(&a).await.unwrap();
    let name = view.files[0].name.clone();
    // Work goes on after the backup.
    admin(&o).await;
    admin(&o).await;

    let check = o.loket.check_backup(&a, &name).await.unwrap();
    assert!(
        check.integrity_ok && check.own_device && check.chain.intact,
        "{check:?}"
    );
    assert!(check.restorable);
    assert_eq!(
        check.entries_missing, 2,
        "the two sign-ins after the backup"
    );
    assert!(check.message.id.contains("2 entri"), "{}", check.message.id);
    o.loket.restore_backup(&a, &name).await.unwrap();
    assert!(o.loket.restore_waiting(&a).unwrap());
    o.loket.store().close().await;

    // The next start swaps it in, begins a new epoch and records who restored it.
    let again = office_in(dir.path(), monday_morning() + Duration::minutes(5)).await;
    let notice = again
        .loket
        .start_epoch_if_restored()
        .await
        .unwrap()
        .expect("a notice for the window");
    assert!(
        notice
            .id
            .contains(&format!("dari cadangan {name} atas permintaan admin")),
        "{}",
        notice.id
    );
    let (by, restored) = crate::last!(&again, BackupRestored);
    assert_eq!(by.name, "admin");
    assert_eq!(restored.backup, name);
    let (_, epoch) = crate::last!(&again, EpochStarted);
    assert_eq!(epoch.known_seq - epoch.restored_seq, 2);
    let a = admin(&again).await;
    let chain = again.loket.verify_audit_chain(&a).await.unwrap();
    assert!(chain.intact, "{}", chain.message.id);
    assert!(!again.loket.restore_waiting(&a).unwrap());
}

#[tokio::test]
async fn a_damaged_backup_or_another_pcs_is_refused_and_nothing_is_staged() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path()).await;
    let a = admin(&o).await;
    let folder = o.loket.backup_folder().await.unwrap();
    std::fs::create_dir_all(&folder).unwrap();

    // Bytes that are no database at all, under a backup's name.
    let junk = "loket-cadangan-20261122T010000Z.db";
    std::fs::write(folder.join(junk), vec![0x5a; 8192]).unwrap();
    let refused = o.loket.check_backup(&a, junk).await.unwrap_err();
    assert!(refused.code().starts_with("storage"), "{refused:?}");
    assert!(!o.loket.restore_waiting(&a).unwrap());

    // Another PC's backup, copied into this PC's folder: encrypted with that PC's key, it does not
    // even open here.
    let other_dir = tempfile::tempdir().unwrap();
    let other = office(other_dir.path()).await;
    let oa = admin(&other).await;
    let theirs = other.loket.back_up_now(&oa).await.unwrap().files[0].clone();
    let foreign = "loket-cadangan-20261122T015000Z.db";
    let their_folder = other.loket.backup_folder().await.unwrap();
    std::fs::copy(their_folder.join(&theirs.name), folder.join(foreign)).unwrap();
    let refused = o.loket.check_backup(&a, foreign).await.unwrap_err();
    assert!(refused.code().starts_with("storage"), "{refused:?}");
    assert!(refused.to_string().contains("PC lain"), "{refused}");
    assert!(!o.loket.restore_waiting(&a).unwrap());

    // A PC cloned from the same disk image shares the key store but not the identity: its
    // backup opens, and is refused as another PC's database.
    let clone_dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("database-") || name == "loket.db.kunci" {
            std::fs::copy(&path, clone_dir.path().join(&name)).unwrap();
        }
    }
    let clone = office(clone_dir.path()).await;
    let ca = admin(&clone).await;
    let cloned = clone.loket.back_up_now(&ca).await.unwrap().files[0].clone();
    let copied = "loket-cadangan-20261122T020000Z.db";
    std::fs::copy(
        clone
            .loket
            .backup_folder()
            .await
            .unwrap()
            .join(&cloned.name),
        folder.join(copied),
    )
    .unwrap();
    let check = o.loket.check_backup(&a, copied).await.unwrap();
    assert!(!check.own_device && !check.restorable);
    assert!(
        check.message.id.contains("milik PC lain"),
        "{}",
        check.message.id
    );
    let refused = o.loket.restore_backup(&a, copied).await.unwrap_err();
    assert_eq!(refused.code(), "backup.not_restorable");
    assert!(refused.en().contains("another PC"));
    assert!(!o.loket.restore_waiting(&a).unwrap());

    // A name that is not a backup in the folder never reaches the file system.
    let missing = o.loket.check_backup(&a, "../loket.db").await.unwrap_err();
    assert_eq!(missing.code(), "not_found");
}
