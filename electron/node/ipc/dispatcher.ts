import { z } from 'zod';
import type { CallResult, ServiceApi } from '../../common/contract';
import { contract } from '../../common/contract';
import { KireiError, toErrorShape, unexpectedProblem } from '../../common/errors';
import { originOf } from '../../common/origin';

/** Who sent a call, as the Electron adapter sees it. */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  frameUrl: string;
  /** True only for the top frame of our own window. */
  isOurMainFrame: boolean;
}

const messageSchema = z.object({ method: z.string().max(100), payload: z.unknown() }).strict();

export interface DispatcherOptions {
  /** The origin our bundle is served from (kirei-app://bundle, or the test server's). */
  appOrigin: string;
  onInvalidReply?: (method: string, issue: string) => void;
}

export function isTrustedSender(sender: SenderInfo, appOrigin: string): boolean {
  return sender.isOurMainFrame && originOf(sender.frameUrl) === appOrigin;
}

type AnyMethod = (request?: unknown) => Promise<unknown>;
type MethodSpec = { request: z.ZodType; reply: z.ZodType };

/**
 * The main-side half of every call: refuses foreign senders and unknown methods, validates the
 * request and the reply against the contract, and turns failures into `{ code, message }`.
 */
export function createDispatcher(services: ServiceApi, options: DispatcherOptions) {
  return async function dispatch(message: unknown, sender: SenderInfo): Promise<CallResult> {
    if (!isTrustedSender(sender, options.appOrigin)) {
      return fail(new KireiError('forbidden-sender', 'This request did not come from Kirei’s own window.', sender.frameUrl));
    }
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success) return fail(new KireiError('invalid-request', 'Kirei received a malformed request.'));
    const { method, payload } = parsed.data;
    const [serviceName, methodName] = method.split('.');
    const serviceSpecs = serviceName && Object.hasOwn(contract, serviceName)
      ? (contract as unknown as Record<string, Record<string, MethodSpec>>)[serviceName]
      : undefined;
    const spec = serviceSpecs && methodName && Object.hasOwn(serviceSpecs, methodName) ? serviceSpecs[methodName] : undefined;
    const implementation = spec
      ? (services as unknown as Record<string, Record<string, AnyMethod>>)[serviceName ?? '']?.[methodName ?? '']
      : undefined;
    if (!spec || !implementation) {
      return fail(new KireiError('unknown-method', 'Kirei received a request it does not know.', method));
    }
    const request = spec.request.safeParse(payload);
    if (!request.success) {
      return fail(new KireiError('invalid-request', 'Kirei received a malformed request.', `${method}: ${request.error.message}`));
    }
    try {
      const value = await implementation(request.data);
      const reply = spec.reply.safeParse(value);
      if (!reply.success) {
        options.onInvalidReply?.(method, reply.error.message);
        return fail(new KireiError('internal', unexpectedProblem, `invalid reply from ${method}`));
      }
      return { ok: true, value: reply.data };
    } catch (error) {
      return fail(error);
    }
  };
}

function fail(error: unknown): CallResult {
  return { ok: false, error: toErrorShape(error) };
}
