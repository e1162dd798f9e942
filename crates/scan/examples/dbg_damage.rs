#![allow(clippy::print_stdout, clippy::unwrap_used)]
use loket_scan::synth::{self, Scene};
use rxing::common::HybridBinarizer;
use rxing::qrcode::QRCodeReader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8Source, Reader};
use std::collections::HashSet;
fn main() {
    let payload = "LKT1.jakartaselatan.261126-P-001.2026-11-26.P.5.c1.5-7nYV7zXzDkm0guFcrnUAcgHhJhew_tp-Fkd5b_AivqjtAqgqF1kw8jN803lMUiCABtaxrwwMvWJWWKrCyfqg";
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        ..Default::default()
    };
    for (cover, rot, tilt) in [
        (None, 8.0, 0.08),
        (Some((0.33, 0.67)), 8.0, 0.08),
        (Some((0.33, 0.67)), 0.0, 0.0),
        (Some((0.4, 0.6)), 0.0, 0.0),
        (Some((0.4, 0.6)), 8.0, 0.08),
    ] {
        let scene = Scene {
            cover,
            rotation_deg: rot,
            tilt,
            ..Scene::arm_length()
        };
        let f = synth::camera_frame(payload, &scene, 200);
        let src = Luma8Source::new_with_slice(&f.luma, f.width, f.height).unwrap();
        let r = QRCodeReader
            .decode_with_hints(&mut BinaryBitmap::new(HybridBinarizer::new(src)), &hints);
        println!(
            "{cover:?} {rot} {tilt}: {:?} / {:?}",
            r.as_ref().map(|r| r.getText().len()),
            loket_scan::decode_qr(&f)
        );
    }
}
