// The one factory for every window's webPreferences. No window is created any other way, and the unit test pins
// every security-relevant field (Electronegativity cannot see that an explicit sandbox:false hides nodeIntegration).

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly enableBlinkFeatures: '';
  readonly disableBlinkFeatures: 'Auxclick';
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export function createWebPreferences(opts: { preload: string; devTools?: boolean }): SecureWebPreferences {
  if (!opts.preload) throw new Error('Every window needs the Bastion preload script.');
  return Object.freeze({
    preload: opts.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // Middle-click would open links in a new window outside the navigation guard.
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The spellchecker may download dictionaries: zero egress.
    spellcheck: false,
    devTools: opts.devTools ?? false,
  } as const);
}
