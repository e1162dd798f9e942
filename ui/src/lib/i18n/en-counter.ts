// English for the strings in `id-counter.ts`.
export const enCounter = {
  'pdf.print': 'Print',
  'pdf.save': 'Save PDF',
  'pdf.printing': 'Preparing the PDF…',
  'pdf.printed': 'The PDF opened in the viewer for printing: {path}',
  'pdf.printedNoViewer': 'The PDF is saved at {path}. No PDF viewer opened; open that file to print.',
  'pdf.saved': 'PDF saved: {path}',
  'pdf.saveTitle': 'Save PDF',
  'nav.sessions': "Today's Sessions",
  'nav.walkin': 'Walk-in',
  'nav.settings': 'Settings',
};
