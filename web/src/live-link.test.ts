import { expect, test } from 'vitest';
import { createLiveConnection, webSocketUrl } from './live-link.ts';

test('the WebSocket goes to /graphql of the page origin, wss behind https', () => {
  expect(webSocketUrl('/graphql', 'https://console.example.com/overview')).toBe('wss://console.example.com/graphql');
  expect(webSocketUrl('/graphql', 'http://localhost:5173/platform/health')).toBe('ws://localhost:5173/graphql');
});

test('nothing connects before the first subscription (no WebSocket is needed to build the client)', () => {
  const live = createLiveConnection({ url: 'ws://gateway.test/graphql', token: async () => 'token' });
  expect(live.getSnapshot()).toBe('idle');
  live.restart();
  expect(live.getSnapshot()).toBe('idle');
});
