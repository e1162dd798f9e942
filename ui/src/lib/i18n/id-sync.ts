// Bahasa Indonesia for the link to the central service (the header's badge and "Layanan pusat" in
// Pengaturan), spread into `id`. Why a push failed comes from Rust as an Indonesian sentence.
export const idSync = {
  'sync.alone': 'Tanpa pusat',
  'sync.aloneHelp': 'PC ini belum tersambung ke layanan pusat: semua data tersimpan di PC ini saja.',
  'sync.online': 'Pusat tersambung',
  'sync.offline': 'Pusat terputus',
  'sync.stopped': 'Sinkron berhenti',
  'sync.waiting': '{n} menunggu',
  'sync.attention': 'Perlu perhatian: {n}',
  'sync.title': 'Layanan pusat',
  'sync.intro':
    'Sambungkan PC ini ke layanan pusat dengan alamatnya dan kode pendaftaran sekali pakai dari admin pusat. Kredensial PC disimpan di penyimpanan kunci sistem, tidak di database.',
  'sync.url': 'Alamat layanan pusat',
  'sync.code': 'Kode pendaftaran',
  'sync.connect': 'Sambungkan',
  'sync.connected': 'PC ini tersambung ke {url}.',
  'sync.notConnected': 'PC ini belum tersambung ke layanan pusat.',
  'sync.lastPush': 'Terakhir terkirim: {at} (waktu kantor).',
  'sync.never': 'Belum pernah terkirim.',
  'sync.acked': 'Diterima pusat sampai entri no. {n}; {waiting} entri menunggu.',
  'sync.now': 'Kirim sekarang',
  'sync.adminOnly': 'Hanya admin yang dapat menyambungkan PC ini ke layanan pusat.',
} as const;
