//! Times cleaning and storing a 2 MB PNG logo (decode, fit into 512×512, re-encode, hash,
//! write to the local store), against a baseline measured in the same run: storing the same
//! 2 MB unprocessed. Prints median and p90 of each and their ratio. Run with
//! `bench/logo.sh [rounds]`.

use std::time::{Duration, Instant};

use image::{ImageFormat, RgbImage};
use server::logos::{LogoSettings, LogoStore, process};

fn noise_png(side: u32) -> Vec<u8> {
    // Noise does not compress: side² × 3 bytes of PNG.
    let mut state: u32 = 0x2545_f491;
    let image = RgbImage::from_fn(side, side, |_, _| {
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state & 0xff) as u8
        };
        image::Rgb([next(), next(), next()])
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .expect("encode");
    png
}

fn stats(mut runs: Vec<Duration>) -> (f64, f64) {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(runs[runs.len() / 2]), ms(runs[runs.len() * 9 / 10]))
}

#[tokio::main]
async fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(31);
    let png = noise_png(816);
    let dir = tempfile_dir();
    let store = LogoStore::open(&LogoSettings::default(), &dir).expect("store");
    println!(
        "input: {} bytes PNG, 816×816 RGB noise; {rounds} rounds",
        png.len()
    );
    let mut clean_store = Vec::new();
    let mut baseline = Vec::new();
    for round in 0..rounds {
        // Interleaved, so both see the same machine state.
        let start = Instant::now();
        let logo = process::clean(&png).expect("clean");
        store.put(&logo.hash, logo.png).await.expect("put");
        clean_store.push(start.elapsed());

        let start = Instant::now();
        store
            .put(&format!("{round:064x}"), png.clone())
            .await
            .expect("put raw");
        baseline.push(start.elapsed());
    }
    let (median, p90) = stats(clean_store);
    let (base_median, base_p90) = stats(baseline);
    println!(
        "validate + re-encode + store: median {median:.1} ms, p90 {p90:.1} ms (target ≤ 150 ms)"
    );
    println!("baseline, store the raw bytes: median {base_median:.1} ms, p90 {base_p90:.1} ms");
    println!("ratio (clean / raw store): {:.1}×", median / base_median);
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("portal-logo-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
