import { defineConfig, presetWind3 } from 'unocss'

// Colours come from CSS variables (src/styles/theme.css), so one class serves both themes.
export default defineConfig({
  presets: [presetWind3({ dark: 'class' })],
  theme: {
    colors: {
      bg: {
        rail: 'var(--c-bg-rail)',
        side: 'var(--c-bg-side)',
        panel: 'var(--c-bg-panel)',
        main: 'var(--c-bg-main)',
        hover: 'var(--c-bg-hover)',
        active: 'var(--c-bg-active)',
        input: 'var(--c-bg-input)',
        mention: 'var(--c-bg-mention)',
      },
      fg: {
        DEFAULT: 'var(--c-fg)',
        muted: 'var(--c-fg-muted)',
        strong: 'var(--c-fg-strong)',
      },
      brand: {
        DEFAULT: 'var(--c-brand)',
        soft: 'color-mix(in srgb, var(--c-brand) 18%, transparent)',
      },
      danger: 'var(--c-danger)',
      line: 'var(--c-line)',
    },
  },
  shortcuts: {
    'focus-ring': 'outline-none focus-visible:ring-2 focus-visible:ring-brand',
    'icon-btn':
      'inline-flex items-center justify-center w-8 h-8 rounded text-fg-muted hover:text-fg-strong hover:bg-bg-hover focus-ring cursor-pointer border-0 bg-transparent',
    'side-item':
      'flex items-center gap-2 w-full px-2 py-1.5 rounded text-fg-muted hover:bg-bg-hover hover:text-fg-strong focus-ring no-underline border-0 bg-transparent text-left cursor-pointer',
    'side-item-active': 'bg-bg-active text-fg-strong',
  },
})
