import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hubOrigin } from '../../../../electron/shell/content-security-policy';

describe('the content security policy', () => {
  it('lets pages talk to the office hub and nowhere else', () => {
    expect(hubOrigin('http://hub.urzad.local:8090/some/path')).toBe('http://hub.urzad.local:8090');
    expect(hubOrigin('javascript:alert(1)')).toBeNull();
    const policy = contentSecurityPolicy({
      connect: ['http://hub.urzad.local:8090', "'unsafe-eval'", 'http://x; script-src *'],
    });
    expect(policy).toContain("connect-src 'self' http://hub.urzad.local:8090;");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('script-src *');
  });
});
