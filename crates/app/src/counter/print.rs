//! The printed documents: the booking proof with its QR code and the daily session list. The text
//! is Indonesian, as the office prints it; `loket_pdf::office` words it (the central service prints
//! the same proof) and `loket-pdf` lays it out.

use chrono::NaiveDate;
use loket_domain::session::tanggal_panjang;
use loket_domain::{ApplicantStatus, Permission};
use loket_pdf::office::{
    ProofFacts, ProofPerson, category_label, letterhead, session_label, type_label,
};
use loket_pdf::{ListColumns, ListRow, ListSection, Signer};

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::input::iso_date;
use crate::loket::Loket;
use crate::view::{ApplicantView, BookingView, PdfFile};

fn pdf_error(e: loket_pdf::PdfError) -> AppError {
    AppError::Internal(format!("PDF tidak dapat dibuat: {e}"))
}

fn status_label(a: &ApplicantView) -> String {
    match a.status {
        ApplicantStatus::Arrived => match &a.queue_number {
            Some(q) => format!("Hadir {q}"),
            None => "Hadir".into(),
        },
        ApplicantStatus::NoShow => "Tidak hadir".into(),
        ApplicantStatus::Cancelled => "Batal".into(),
        ApplicantStatus::Expected => "Menunggu".into(),
    }
}

fn date_of(b: &BookingView) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(&b.date, "%Y-%m-%d")
        .map_err(|_| AppError::Internal("tanggal pemesanan rusak".into()))
}

impl Loket {
    /// The booking proof of `code`, with the same signed QR every time it is printed.
    pub async fn proof_pdf(&self, actor: &Actor, code: &str) -> Result<PdfFile, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("mencetak bukti", "print proofs"),
        )?;
        let office = self.office().await?;
        // One read: the rows carry both the booking and its stored QR text.
        let rows = self
            .store
            .booking_by_code(office.slug.as_str(), &code.trim().to_uppercase())
            .await?;
        let qr = rows.first().and_then(|r| r.proof_qr.clone());
        let booking = super::group(&office, rows)?
            .pop()
            .ok_or(AppError::NotFound(Missing::Booking))?;
        let qr = qr.ok_or_else(|| {
                AppError::rejected(
                    "proof.missing",
                    loket_domain::text!(
                        "Pemesanan ini tidak memiliki bukti bertanda tangan; periksa dengan kode pemesanan.",
                        "This booking has no signed proof; check it by its booking code."
                    ),
                )
            })?;
        let schedule = self.schedule(&office).await?;
        let doc = loket_pdf::office::proof(ProofFacts {
            office: &office,
            code: &booking.code,
            date: date_of(&booking)?,
            session: booking.session,
            hours: schedule.hours(booking.session),
            category: booking.category,
            channel: booking.channel,
            applicants: booking
                .applicants
                .iter()
                .map(|a| ProofPerson {
                    name: a.full_name.clone(),
                    nik_masked: a.nik_masked.clone(),
                    relation: a.relation,
                    application_type: a.application_type,
                })
                .collect(),
            qr,
            printed_at: self.clock.now(),
        });
        let bytes = loket_pdf::booking_proof(&doc).map_err(pdf_error)?;
        Ok(PdfFile {
            file_name: format!("bukti-{}.pdf", booking.code),
            bytes,
        })
    }

    /// The day's session lists (A4 landscape) signed off by the officer who prints them.
    pub async fn session_list_pdf(&self, actor: &Actor, date: &str) -> Result<PdfFile, AppError> {
        let day = self.day_lists(actor, date).await?;
        let office = self.office().await?;
        let date = iso_date(&day.date)?;
        let user = self
            .store
            .user_by_username(&actor.username)
            .await?
            .ok_or(AppError::AuthRequired)?;
        let sections = day
            .sessions
            .iter()
            .map(|s| ListSection {
                title: format!(
                    "Sesi {} · {}–{} {} · {} pemohon",
                    session_label(s.session),
                    s.starts_at.replace(':', "."),
                    s.ends_at.replace(':', "."),
                    office.zone.as_str(),
                    s.counts.applicants
                ),
                rows: s
                    .bookings
                    .iter()
                    .flat_map(|b| b.applicants.iter().map(move |a| (b, a)))
                    .enumerate()
                    .map(|(i, (b, a))| ListRow {
                        number: (i + 1).to_string(),
                        code: if a.position == 1 {
                            b.code.clone()
                        } else {
                            String::new()
                        },
                        name: if a.position == 1 {
                            a.full_name.clone()
                        } else {
                            format!("{} ({})", a.full_name, a.relation.label().to_lowercase())
                        },
                        nik_masked: a.nik_masked.clone(),
                        application_type: type_label(a.application_type).into(),
                        category: category_label(b.category).into(),
                        status: status_label(a),
                    })
                    .collect(),
            })
            .collect();
        let doc = loket_pdf::SessionList {
            letterhead: letterhead(&office),
            title: "DAFTAR PEMOHON PASPOR".into(),
            date: tanggal_panjang(date),
            sections,
            columns: ListColumns {
                number: "No".into(),
                code: "Kode".into(),
                name: "Nama".into(),
                nik: "NIK".into(),
                application_type: "Jenis".into(),
                category: "Kategori".into(),
                status: "Status".into(),
                signature: "Paraf".into(),
            },
            place_date: format!(
                "{}, {}",
                office.city,
                tanggal_panjang(date).split_once(", ").map_or("", |x| x.1)
            ),
            signer: Signer {
                role: actor.role.label().into(),
                name: user.full_name,
                nip: user
                    .nip
                    .map_or_else(|| "NIP -".into(), |n| format!("NIP {n}")),
            },
            footer: format!("{} · daftar sesi {}", office.name, day.date),
            page_of: "Halaman {page} dari {pages}".into(),
        };
        let bytes = loket_pdf::session_list(&doc).map_err(pdf_error)?;
        Ok(PdfFile {
            file_name: format!("daftar-sesi-{}.pdf", day.date),
            bytes,
        })
    }
}
