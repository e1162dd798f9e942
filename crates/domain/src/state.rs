//! The states and kinds a booking, an applicant and a quota proposal move through, as enums.
//!
//! Each one is stored in SQLite as the same text the TypeScript side sees (a union in the generated
//! bindings), and the migrations' `CHECK`s list exactly these texts. The store parses a row's text
//! into the enum when it reads it, so everything above the store compares variants, never strings:
//! adding or renaming a state is a compile error at every place that must decide about it.

/// Declares a closed set of text values: the enum, its stored text (`as_str`), every variant
/// (`ALL`), parsing from the stored text (`TryFrom<&str>`/`TryFrom<String>`/`FromStr`) and serde
/// with the same texts.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal, $what_en:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database and sent to the window.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        // Written out rather than derived: the derive does not see the stored texts through the
        // macro's `$text` and would document the variant names.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .build()
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::state::UnknownValue;
            fn try_from(s: &str) -> Result<Self, $crate::state::UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::state::UnknownValue {
                        what: $what,
                        what_en: $what_en,
                        value: other.chars().take(40).collect(),
                    }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::state::UnknownValue;
            fn try_from(s: String) -> Result<Self, $crate::state::UnknownValue> {
                Self::try_from(s.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::state::UnknownValue;
            fn from_str(s: &str) -> Result<Self, $crate::state::UnknownValue> {
                Self::try_from(s)
            }
        }
    };
}

/// A stored or received text that names none of a set's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownValue {
    /// What the text should have named, in Indonesian ("status pemohon") and English.
    pub what: &'static str,
    pub what_en: &'static str,
    pub value: String,
}

crate::bilingual!(UnknownValue {
    Self { what, what_en, value } => ["Nilai {what} tidak dikenal: '{value}'."]
        ["Unknown {what_en} value: '{value}'."],
});

text_enum! {
    /// Whether a booking still holds its seats.
    pub enum BookingStatus ("status pemesanan", "booking status") {
        Active = "active",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// Where one applicant of a booking stands on the day.
    pub enum ApplicantStatus ("status pemohon", "applicant status") {
        /// Booked, not yet come.
        Expected = "expected",
        /// Checked in, with a queue number.
        Arrived = "arrived",
        /// Did not come before the grace time ran out.
        NoShow = "no_show",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// A first passport or a renewal (which brings the old passport).
    pub enum ApplicationType ("jenis permohonan", "application type") {
        Baru = "baru",
        Penggantian = "penggantian",
    }
}

text_enum! {
    /// How a booking was made: online by the citizen, or at the counter.
    pub enum Channel ("kanal pemesanan", "booking channel") {
        Online = "online",
        Loket = "loket",
    }
}

text_enum! {
    /// Regular applicants, or the priority groups (elderly, under-fives, disability, pregnancy).
    pub enum Category ("kategori", "category") {
        Reguler = "reguler",
        Prioritas = "prioritas",
    }
}

text_enum! {
    /// A quota proposal's life: written, sent to the kepala kantor, every date decided.
    pub enum ProposalStatus ("status usulan", "proposal status") {
        Draft = "draft",
        Submitted = "submitted",
        Decided = "decided",
    }
}

text_enum! {
    /// The kepala kantor's decision on one date and session of a proposal.
    pub enum Decision ("keputusan", "decision") {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

text_enum! {
    /// A problem in a form: an error blocks saving, a warning is acknowledged by the officer.
    pub enum Severity ("tingkat masalah", "severity") {
        Error = "error",
        Warning = "warning",
    }
}

text_enum! {
    /// Who a trusted proof-signing key belongs to.
    pub enum KeyOrigin ("asal kunci", "key origin") {
        /// The central service (online bookings).
        Central = "central",
        /// A counter PC of this office (walk-ins).
        Device = "device",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_from_the_text_it_is_stored_as() {
        for s in ApplicantStatus::ALL {
            assert_eq!(ApplicantStatus::try_from(s.as_str()), Ok(*s));
        }
        for s in BookingStatus::ALL {
            assert_eq!(s.as_str().parse::<BookingStatus>(), Ok(*s));
        }
        for d in Decision::ALL {
            assert_eq!(Decision::try_from(d.as_str().to_owned()), Ok(*d));
        }
    }

    #[test]
    fn serde_uses_the_stored_text() {
        assert_eq!(
            serde_json::to_string(&ApplicantStatus::NoShow)
                .ok()
                .as_deref(),
            Some("\"no_show\"")
        );
        assert_eq!(
            serde_json::from_str::<ApplicationType>("\"penggantian\"").ok(),
            Some(ApplicationType::Penggantian)
        );
    }

    #[test]
    fn an_unknown_text_is_refused_with_what_it_should_have_been() {
        let e = ApplicantStatus::try_from("hadir").err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("Nilai status pemohon tidak dikenal: 'hadir'.")
        );
    }
}
