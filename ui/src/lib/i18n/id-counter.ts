// Bahasa Indonesia shared by the counter screens (printing, saving PDFs), spread into `id`.
export const idCounter = {
  'pdf.print': 'Cetak',
  'pdf.save': 'Simpan PDF',
  'pdf.printing': 'Menyiapkan PDF…',
  'pdf.printed': 'PDF dibuka di penampil untuk dicetak: {path}',
  'pdf.printedNoViewer': 'PDF tersimpan di {path}. Tidak ada penampil PDF yang terbuka; buka file itu untuk mencetak.',
  'pdf.saved': 'PDF disimpan: {path}',
  'pdf.saveTitle': 'Simpan PDF',
  'nav.sessions': 'Sesi Hari Ini',
  'nav.walkin': 'Walk-in',
  'nav.settings': 'Pengaturan',
} as const;
