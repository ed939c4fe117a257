import { AuthDiagnostics } from '../../../src/http/auth-diagnostics';
import type { Logger } from '../../../src/http/logger';
import { rejectAuth } from '../../../src/domain/auth/auth-rejection';
import { DomainError } from '../../../src/errors';

describe('AuthDiagnostics', () => {
  let now = 0;
  const logger = { debug: jest.fn(), info: jest.fn() };
  const sut = () => new AuthDiagnostics(logger as unknown as Logger, () => now, 60_000);
  beforeEach(() => {
    now = 0;
    logger.debug.mockReset();
    logger.info.mockReset();
  });

  it('logs each rejection at debug and at most one info summary a minute, counted by reason', () => {
    const diagnostics = sut();
    for (let i = 0; i < 50; i++) {
      now = i * 1000;
      diagnostics.observe(
        rejectAuth(i % 2 ? 'unknown-token' : 'jwt-expired', { tokenPrefix: 'idt_AbCd1234' }),
      );
    }
    expect(logger.debug).toHaveBeenCalledTimes(50);
    expect(logger.info).not.toHaveBeenCalled();
    now = 61_000;
    diagnostics.observe(rejectAuth('revoked-token'));
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      { rejections: { 'jwt-expired': 25, 'unknown-token': 25, 'revoked-token': 1 }, sinceMs: 61_000 },
      'authentication rejections',
    );
    now = 62_000;
    diagnostics.observe(rejectAuth('revoked-token'));
    expect(logger.info).toHaveBeenCalledTimes(1);
  });

  it('ignores errors that are not authentication rejections (an outage is not a refused credential)', () => {
    sut().observe(new DomainError('UNAVAILABLE', 'Database unavailable'));
    expect(logger.debug).not.toHaveBeenCalled();
  });
});
