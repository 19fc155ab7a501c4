import { defineConfig } from 'vite';
import { createWebViteConfig, loadWebServerConfig } from './server-config.ts';

// Vite reads the default export.
export default defineConfig(createWebViteConfig(loadWebServerConfig()));
