//! The print folder (`cetak/` in the data folder). "Cetak" writes a proof or a session list there
//! for the system viewer to print; such a file carries names, NIKs and passport numbers, so the
//! folder never keeps them: printouts are removed an hour after they were written, and all of them
//! at every start.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long a printout stays for the viewer to print it (and to print it again).
pub const KEEP: Duration = Duration::from_secs(60 * 60);

/// How often the folder is swept while the app runs.
const SWEEP: Duration = Duration::from_secs(15 * 60);

pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("cetak")
}

/// Removes the PDFs in `dir` last written more than `older_than` ago; returns how many. A file
/// still open in a viewer that refuses deletion (Windows) stays until the next sweep.
pub fn purge(dir: &Path, older_than: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_none_or(|age| age >= older_than);
        if is_pdf && old && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        tracing::info!(removed, "old printouts removed from the print folder");
    }
    removed
}

/// Sweeps the folder every quarter of an hour for as long as the app runs.
pub async fn run(dir: PathBuf) {
    loop {
        tokio::time::sleep(SWEEP).await;
        purge(&dir, KEEP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printouts_go_once_they_are_old_and_other_files_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("bukti-261123-P-004.pdf");
        let fresh = dir.path().join("daftar-sesi.PDF");
        let note = dir.path().join("catatan.txt");
        for p in [&old, &fresh, &note] {
            std::fs::write(p, b"%PDF-1.7").expect("write");
        }
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(two_hours_ago))
            .expect("age the file");
        assert_eq!(purge(dir.path(), KEEP), 1);
        assert!(!old.exists() && fresh.exists() && note.exists());
        // At start every printout goes.
        assert_eq!(purge(dir.path(), Duration::ZERO), 1);
        assert!(!fresh.exists() && note.exists());
        assert_eq!(purge(&dir.path().join("tidak-ada"), KEEP), 0);
    }
}
