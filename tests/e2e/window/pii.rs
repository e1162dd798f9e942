//! Personal data stays in the database: after a counter's day of typing, saving, printing and
//! searching, and the next start, no NIK, name or passport number of any applicant is in the log
//! files, the print folder or the app's temp files.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use loket_tests::{BoxError, Session};

use super::counter::pdftotext;

/// Every file under `dir`, with its text (a PDF through pdftotext, since its streams are
/// compressed; anything else as bytes read lossily).
fn texts_under(dir: &Path) -> Result<Vec<(PathBuf, String)>, BoxError> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(texts_under(&path)?);
        } else {
            let text = if path.extension().is_some_and(|e| e == "pdf") {
                pdftotext(&path)?
            } else {
                String::from_utf8_lossy(&std::fs::read(&path)?).into_owned()
            };
            out.push((path, text));
        }
    }
    Ok(out)
}

/// Where `needles` occur in `files`.
fn found(files: &[(PathBuf, String)], needles: &[String]) -> Vec<String> {
    let mut hits = Vec::new();
    for (path, text) in files {
        for n in needles {
            if text.contains(n.as_str()) {
                hits.push(format!("{} in {}", n, path.display()));
            }
        }
    }
    hits
}

#[tokio::test]
async fn no_nik_name_or_passport_number_stays_in_logs_printouts_or_temp_files()
-> Result<(), BoxError> {
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp)?;
    let env = [("TMPDIR", OsString::from(&tmp))];

    let s = Session::launch_in_with("pii", 4580, dir.path(), true, &env).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    // A walk-in typed, saved and printed; the session list printed; a search by NIK and name.
    s.click("nav-walkin").await?;
    s.fill("walkin-kk", "3174010101250001").await?;
    s.select("walkin-provinsi", "31").await?;
    s.select("walkin-kabkota", "3174").await?;
    s.select("walkin-kecamatan", "317401").await?;
    s.fill("walkin-address", "Jl. Wijaya II No. 12").await?;
    s.fill("walkin-nik-0", "3174011203880001").await?;
    s.fill("walkin-name-0", "Andi Wijaya").await?;
    s.select("walkin-sex-0", "L").await?;
    let code = s.save_walk_in().await?;
    s.click("walkin-proof-print").await?;
    s.wait("print-result").await?;
    s.click("nav-sessions").await?;
    s.wait(&format!("booking-row-{code}")).await?;
    s.click("session-list-print").await?;
    s.wait_css("[data-testid=\"print-result\"][data-path$=\".pdf\"]")
        .await?;
    s.fill("booking-search", "3174011203880001").await?;
    s.fill("booking-search", "andi wijaya").await?;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;

    // The printouts do carry the applicant while they wait for the printer: the search below
    // finds names in PDFs.
    let printed = texts_under(&dir.path().join("cetak"))?;
    assert!(
        !found(&printed, &["Andi Wijaya".to_owned()]).is_empty(),
        "the check would not see a name in a printout"
    );
    s.click("logout").await?;
    s.close().await?;

    // The next start clears the print folder.
    let s = Session::launch_in_with("pii-next-day", 4582, dir.path(), false, &env).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("logout").await?;
    s.close().await?;

    // Everything personal the database holds: every applicant's NIK, name and old passport.
    let pool = super::app_db(dir.path()).await?;
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT nik, full_name, old_passport FROM applicants")
            .fetch_all(&pool)
            .await?;
    pool.close().await;
    let mut needles: Vec<String> = Vec::new();
    for (nik, name, passport) in rows {
        needles.push(nik);
        needles.push(name);
        needles.extend(passport.filter(|p| !p.is_empty()));
    }
    needles.sort();
    needles.dedup();
    assert!(needles.len() > 1000, "{} values", needles.len());
    assert!(needles.contains(&"Andi Wijaya".to_owned()));

    let mut files = texts_under(&dir.path().join("logs"))?;
    files.extend(texts_under(&dir.path().join("cetak"))?);
    files.extend(texts_under(&tmp)?);
    assert!(
        files
            .iter()
            .any(|(p, _)| p.starts_with(dir.path().join("logs"))),
        "the app wrote its log"
    );
    let hits = found(&files, &needles);
    println!(
        "personal data: {} values searched in {} files (logs, print folder, temp): {} found",
        needles.len(),
        files.len(),
        hits.len()
    );
    assert!(hits.is_empty(), "{}", hits.join("\n"));
    Ok(())
}
