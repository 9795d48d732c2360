/**
 * The security guards that need electron: every web page KeyHub creates stays on
 * KeyHub's own renderer, opens no windows and gets no permissions; the session sends
 * the CSP header. The decisions themselves live in the small plain-Node modules.
 */
import { app, BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import { externalHttpUrl } from './external-links';
import { isPermissionGranted } from './permissions';
import { isAppRendererUrl, type RendererSource } from './renderer-source';
import { leaveChosen, unsavedChangesDialog } from './unsaved-changes';

/** Hands an http(s) link to the OS browser; anything else is dropped (and logged). */
export function openExternalSafely(raw: string): void {
  const url = externalHttpUrl(raw);
  if (!url) {
    console.warn(`[keyhub] refused to open ${JSON.stringify(raw)} outside the app`);
    return;
  }
  void shell.openExternal(url).catch((error: unknown) => console.warn(`[keyhub] could not open ${url}:`, error));
}

function guardWebContents(contents: WebContents, renderer: RendererSource): void {
  // KeyHub is a single page: leaving it is refused; web links go to the OS browser.
  contents.on('will-navigate', (event) => {
    if (isAppRendererUrl(event.url, renderer)) return;
    event.preventDefault();
    if (event.isMainFrame) openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppRendererUrl(event.url, renderer)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A form with unsaved changes refuses to unload; ask, or the window silently stays open.
  contents.on('will-prevent-unload', (event) => {
    const window = BrowserWindow.fromWebContents(contents);
    const options = unsavedChangesDialog();
    const response = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
    if (leaveChosen(response)) event.preventDefault();
  });
}

/** Applies the guards to every web contents the app ever creates, including future ones. */
export function guardAllWebContents(renderer: RendererSource): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, renderer));
}

export function guardSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  // Pages loaded from the dev server get the policy as a header; the build carries
  // the same policy in its <meta> tag (file:// responses have no headers).
  session.webRequest.onHeadersReceived((details, callback) => {
    // A policy governs documents; scripts, styles and images need no header of their own.
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
