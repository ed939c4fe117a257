import type { Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger';
import { requestIdOf } from './request-id';

/** One JSON log line per request, with its request id, which every later line of the request carries. */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req);
      res.setHeader('X-Request-Id', id);
      (res as Response).locals.requestId = id;
      return id;
    },
    // Every line logged through req.log carries the request id under this key.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    // Health probes every few seconds would drown the log.
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}
