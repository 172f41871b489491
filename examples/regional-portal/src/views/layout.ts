import { html, type Html } from './html.js';

export interface PageOptions {
  title: string;
  /** Which tab of the navigation is this page. */
  section: 'pengaduan' | 'lacak' | null;
  body: Html;
}

/** The frame around every page: header, navigation, footer, the stylesheet and script. */
export function page({ title, section, body }: PageOptions): Html {
  const current = (name: PageOptions['section']) => (section === name ? html` aria-current="page"` : null);
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Portal Pengaduan Bansos Kota Bandung</title>
<link rel="stylesheet" href="/static/portal.css">
<script src="/static/portal.js" defer></script>
</head>
<body>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">KB</span><span>Portal Pengaduan Bansos<small>Pemerintah Kota Bandung</small></span></a>
    <nav aria-label="Menu utama">
      <a href="/"${current('pengaduan')}>Sampaikan pengaduan</a>
      <a href="/lacak"${current('lacak')}>Lacak pengaduan</a>
    </nav>
  </div>
</header>
<main class="wrap">
${body}
</main>
<footer class="site-footer">
  <div class="wrap">
    Pengaduan diteruskan melalui Aduan kepada petugas yang berwenang, mulai dari kelurahan hingga Kementerian Sosial.
    Layanan ini gratis: tidak ada pungutan untuk menyampaikan atau melacak pengaduan.
  </div>
</footer>
</body>
</html>`;
}
