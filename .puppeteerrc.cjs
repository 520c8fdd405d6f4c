// Puppeteer's own browser download cannot reach its CDN from many CI and client networks.
// irplan finds a browser itself (see src/pdf/browser.ts), so the download is skipped.
/** @type {import("puppeteer").Configuration} */
module.exports = { skipDownload: true, chrome: { skipDownload: true }, 'chrome-headless-shell': { skipDownload: true } };
