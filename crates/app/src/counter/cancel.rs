//! Cancelling a booking: at the applicant's request until H-2 (office-local), or by the office at
//! any time with a reason. Applicants who already arrived keep their record.

use chrono::NaiveDate;
use loket_domain::booking::check_applicant_cancellation;
use loket_domain::op::{BookingCancelled, CancelOrigin};
use loket_domain::walkin::Reason;
use loket_domain::{BookingStatus, Op, Permission};

use super::booking_in;
use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{BookingView, CancelRequest};

impl Loket {
    pub async fn cancel_booking(
        &self,
        actor: &Actor,
        req: &CancelRequest,
    ) -> Result<BookingView, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("membatalkan pemesanan", "cancel bookings"),
        )?;
        let office = self.office().await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        let booking = booking_in(&mut tx, &office, req.code.trim()).await?;
        if booking.status == BookingStatus::Cancelled {
            return Err({
                let code = &booking.code;
                AppError::Conflict(loket_domain::text!(
                    "Pemesanan {code} sudah dibatalkan sebelumnya.",
                    "Booking {code} was already cancelled."
                ))
            });
        }
        let date = NaiveDate::parse_from_str(&booking.date, "%Y-%m-%d")
            .map_err(|_| AppError::Internal("tanggal pemesanan rusak".into()))?;
        if date < office.local_date(now) {
            return Err(AppError::rejected("cancel.past", {
                let date = &booking.date;
                loket_domain::text!(
                    "Tanggal {date} sudah lewat; pemesanan ini tidak dapat dibatalkan lagi.",
                    "{date} has passed; this booking can no longer be cancelled."
                )
            }));
        }
        let reason = match req.origin {
            CancelOrigin::Pemohon => {
                check_applicant_cancellation(&office, date, now)
                    .map_err(|e| AppError::rejected("cancel.too_late", e))?;
                let typed = req.reason.trim();
                if typed.is_empty() {
                    "Atas permintaan pemohon".to_owned()
                } else {
                    format!("Atas permintaan pemohon: {typed}")
                }
            }
            CancelOrigin::Kantor => Reason::parse(&req.reason)
                .map_err(|_| {
                    AppError::Validation(loket_domain::text!(
                        "Pembatalan oleh kantor wajib disertai alasan.",
                        "A cancellation by the office needs a reason."
                    ))
                })?
                .as_str()
                .to_owned(),
        };
        tx.cancel_booking(&booking.id, &actor.username, &reason)
            .await?;
        let op = Op::BookingCancelled(BookingCancelled {
            booking_id: crate::auth::id(&booking.id)?,
            code: booking.code.clone(),
            origin: req.origin,
            reason: reason.clone(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        let view = booking_in(&mut tx, &office, &booking.code).await?;
        tx.commit().await?;
        Ok(view)
    }
}
