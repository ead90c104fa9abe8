/**
 * Types of Concord's REST API, generated from its OpenAPI document.
 * Do not edit: run `npm run gen:api` (`npm run check:api` tells when it is stale).
 */

export interface paths {
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a username or email and a password. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["LoginBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["AuthDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revoke the refresh token's family and clear the cookies. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    Origin?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The session is over and its cookies cleared. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange the refresh cookie for a new access token, rotating the cookie. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    Origin?: string;
                    "X-CSRF-Token"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["AuthDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and sign in. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["RegisterBody"];
                };
            };
            responses: {
                /** @description The account was created and signed in. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["AuthDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A channel the signed-in user may view. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a guild channel with its messages (MANAGE_CHANNELS). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a guild channel (MANAGE_CHANNELS). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["UpdateChannelBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/channels/{channel_id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the channel read up to a message. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["AckBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ReadStateDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{channel_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of history, newest first: the latest messages, those `before` an id, or
         *     the oldest ones `after` an id.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Messages newer than this id. */
                    after?: string;
                    /** @description Messages older than this id. */
                    before?: string;
                    /** @description Page size, 1–100 (default 50). */
                    limit?: number;
                };
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["MessageDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Send a message. A retry with the same `nonce` returns the first message. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["SendMessageBody"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["MessageDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{channel_id}/messages/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one's own message, or anyone's with MANAGE_MESSAGES. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit one's own message. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["EditMessageBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["MessageDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** React with a unicode emoji (URL-encoded); reacting twice changes nothing. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                    emoji: string;
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Take one's reaction back. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                    emoji: string;
                    message_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{channel_id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tell the channel you are typing. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file for a purpose: `avatar` or `icon` (PNG, JPEG, GIF or WebP, 8 MiB by
         *     default) or `attachment` (anything, 25 MiB by default). Send `purpose` before
         *     `file`. Use the id in `PATCH /users/@me` (`avatar`), `PATCH /guilds/{id}`
         *     (`icon`) or a message's `attachments`; files never used are removed after a day.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The file, with its name.
                         */
                        file: Blob;
                        /**
                         * @description What the file is for; must come before `file`.
                         * @enum {string}
                         */
                        purpose: "avatar" | "icon" | "attachment";
                    };
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["FileDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a guild owned by the signed-in user, with a `general` channel. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["CreateGuildBody"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["GuildDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A guild the signed-in user is a member of. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["GuildDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a guild and everything in it (owner only). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a guild (MANAGE_GUILD). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["UpdateGuildBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["GuildDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/guilds/{guild_id}/bans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guild's bans (BAN_MEMBERS). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["BanDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/bans/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Ban a user, removing them from the guild (BAN_MEMBERS). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["BanBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["BanDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Lift a ban (BAN_MEMBERS). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guild's channels and categories, by position. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a text channel or category (MANAGE_CHANNELS). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["CreateChannelBody"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an invite (CREATE_INVITE). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["CreateInviteBody"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["InviteDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of members ordered by user id. */
        get: {
            parameters: {
                query?: {
                    /** @description Return members with user ids after this one. */
                    after?: string;
                    /** @description Page size, 1–1000 (default 100). */
                    limit?: number;
                };
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["MemberDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Kick a member (KICK_MEMBERS), or leave when the user id is your own. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member's nickname (own, or MANAGE_GUILD) or roles (MANAGE_GUILD). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["UpdateMemberBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["MemberDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/guilds/{guild_id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guild's roles, @everyone included. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RoleDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a role (MANAGE_GUILD; no more permissions than you hold). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["RoleBody"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RoleDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guilds/{guild_id}/roles/{role_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a role (MANAGE_GUILD); @everyone cannot be deleted. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    role_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a role (MANAGE_GUILD). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    guild_id: string;
                    role_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["RoleBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RoleDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (also served at `/healthz`). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The process answers. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["LivenessDto"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invite leads to; no sign-in needed. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["InvitePreviewDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Join the guild an invite leads to. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["GuildDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store, file storage and pub/sub answer (also served at `/readyz`). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every dependency answers. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ReadinessDto"];
                    };
                };
                /** @description A dependency does not answer; the body says which. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ReadinessDto"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Another user's public profile. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["UserDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/@me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's account. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["CurrentUserDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the signed-in user's username, display name or avatar. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["UpdateMeBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["CurrentUserDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/users/@me/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's DM channels. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open (or get) the DM channel with another user: friends, or people sharing a guild. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["OpenDmBody"];
                };
            };
            responses: {
                /** @description The DM channel between the two users (the same one on every call). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ChannelDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/@me/guilds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guilds the signed-in user is a member of. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["GuildDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/@me/read_states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How far the signed-in user has read in each channel. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["ReadStateDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/@me/relationships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Friends, pending requests both ways, and blocks. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RelationshipDto"][];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Send a friend request by username; accepts theirs if they already asked. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["FriendRequestBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RelationshipDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/@me/relationships/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Befriend (send or accept a request) or block a user. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json; charset=utf-8": components["schemas"]["PutRelationshipBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["RelationshipDto"];
                    };
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a friend, cancel or decline a request, or unblock. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or breaks a validation rule. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing, invalid or expired credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Authenticated, but not allowed to do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description No such resource, or not visible to the caller. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request conflicts with the current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /**
                 * @description The request body is missing or not JSON, or an upload's contents are not of a
                 *     type its purpose allows.
                 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description The byte range asked of a file is not within it. */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed, but cannot be carried out. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after the given number of seconds. */
                429: {
                    headers: {
                        "RETRY-AFTER": number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure; details are in the server log. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
                /** @description A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json; charset=utf-8": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AckBody
         * @description A read acknowledgement.
         */
        AckBody: {
            /** @description The newest message read. */
            message_id: string;
        };
        /**
         * AttachmentDto
         * @description A file attached to a message.
         */
        AttachmentDto: {
            /** @description The type detected from its contents. */
            content_type: string;
            /** @description The file's name. */
            filename: string;
            /** @description File id. */
            id: string;
            /**
             * Format: uint64
             * @description Size in bytes.
             */
            size: number;
            /** @description Where the file is served, relative to the server's root. */
            url: string;
        };
        /**
         * AuthDto
         * @description A signed-in session. The refresh token travels in an httpOnly cookie.
         */
        AuthDto: {
            /** @description Bearer token for the `Authorization` header. */
            access_token: string;
            /**
             * Format: uint64
             * @description Seconds until the access token expires.
             */
            expires_in: number;
            /** @description The signed-in user. */
            user: components["schemas"]["CurrentUserDto"] & unknown;
        };
        /**
         * BanBody
         * @description A ban's details.
         */
        BanBody: {
            /** @description Why, up to 512 characters. */
            reason?: string | null;
        };
        /**
         * BanDto
         * @description A ban.
         */
        BanDto: {
            /** @description Moderator's user id. */
            banned_by: string;
            /**
             * Format: int64
             * @description Time of the ban (ms since epoch).
             */
            created_at: number;
            /** @description Guild id. */
            guild_id: string;
            /** @description Reason given. */
            reason?: string | null;
            /** @description Banned user id. */
            user_id: string;
        };
        /**
         * ChannelDto
         * @description A channel.
         */
        ChannelDto: {
            /**
             * Format: int64
             * @description Creation time (ms since epoch).
             */
            created_at: number;
            /** @description Guild id; absent for DMs. */
            guild_id?: string | null;
            /** @description Channel id. */
            id: string;
            /** @description Newest message id. */
            last_message_id?: string | null;
            /** @description Name; empty for DMs. */
            name: string;
            /** @description Category id. */
            parent_id?: string | null;
            /**
             * Format: int32
             * @description Sort order.
             */
            position: number;
            /** @description The two users of a DM. */
            recipients: string[];
            /** @description Topic. */
            topic?: string | null;
            /** @description Kind of channel. */
            type: components["schemas"]["ChannelType"] & unknown;
        };
        /**
         * @description Kinds of channel.
         * @enum {string}
         */
        ChannelType: "text" | "category" | "dm";
        /**
         * CreateChannelBody
         * @description A new guild channel.
         */
        CreateChannelBody: {
            /** @description 1–100 characters. */
            name: string;
            /** @description Category to place a text channel in. */
            parent_id?: string | null;
            /**
             * Format: int32
             * @description Sort order.
             */
            position?: number | null;
            /** @description Up to 1024 characters. */
            topic?: string | null;
            /** @description `text` (default) or `category`. */
            type?: components["schemas"]["ChannelType"] & unknown;
        };
        /**
         * CreateGuildBody
         * @description A new guild.
         */
        CreateGuildBody: {
            /** @description 2–100 characters. */
            name: string;
        };
        /**
         * CreateInviteBody
         * @description Limits for a new invite.
         */
        CreateInviteBody: {
            /**
             * Format: uint64
             * @description Lifetime in seconds (up to 30 days); forever when absent or 0.
             */
            max_age_secs?: number;
            /**
             * Format: uint32
             * @description Maximum uses (at least 1); unlimited when absent.
             */
            max_uses?: number;
        };
        /**
         * CurrentUserDto
         * @description The signed-in user's own account.
         */
        CurrentUserDto: {
            /** @description Avatar file id. */
            avatar?: string | null;
            /**
             * Format: int64
             * @description Registration time (ms since epoch).
             */
            created_at: number;
            /** @description Display name. */
            display_name: string;
            /** @description Email address, only ever shown to its owner. */
            email: string;
            /** @description User id. */
            id: string;
            /** @description Unique handle. */
            username: string;
        };
        /**
         * EditMessageBody
         * @description An edit.
         */
        EditMessageBody: {
            /** @description New text, 1–4000 characters after trimming. */
            content: string;
        };
        /**
         * FileDto
         * @description An uploaded file.
         */
        FileDto: {
            /** @description The type detected from the file's contents. */
            content_type: string;
            /** @description The file's name as uploaded. */
            filename: string;
            /** @description File id, unguessable: whoever knows it can read the file. */
            id: string;
            /**
             * Format: uint64
             * @description Size in bytes.
             */
            size: number;
            /** @description Where the file is served, relative to the server's root. */
            url: string;
        };
        /**
         * FriendRequestBody
         * @description A friend request by username.
         */
        FriendRequestBody: {
            /** @description The other user's username. */
            username: string;
        };
        /**
         * GuildDto
         * @description A guild.
         */
        GuildDto: {
            /**
             * Format: int64
             * @description Creation time (ms since epoch).
             */
            created_at: number;
            /** @description Icon file id. */
            icon?: string | null;
            /** @description Guild id; also the id of its @everyone role. */
            id: string;
            /** @description Name. */
            name: string;
            /** @description The owner's user id. */
            owner_id: string;
        };
        /**
         * InviteDto
         * @description An invite.
         */
        InviteDto: {
            /** @description Channel new members land in. */
            channel_id: string;
            /** @description The code to share. */
            code: string;
            /**
             * Format: int64
             * @description Creation time (ms since epoch).
             */
            created_at: number;
            /**
             * Format: int64
             * @description Expiry (ms since epoch), if any.
             */
            expires_at?: number | null;
            /** @description Guild id. */
            guild_id: string;
            /** @description Who made it. */
            inviter_id: string;
            /**
             * Format: uint32
             * @description Use limit, if any.
             */
            max_uses?: number | null;
            /**
             * Format: uint32
             * @description Uses so far.
             */
            uses: number;
        };
        /**
         * InvitePreviewDto
         * @description What an invite leads to.
         */
        InvitePreviewDto: {
            /** @description The guild it admits to. */
            guild: components["schemas"]["GuildDto"] & unknown;
            /** @description The invite. */
            invite: components["schemas"]["InviteDto"] & unknown;
            /** @description Who made it. */
            inviter?: (components["schemas"]["UserDto"] & unknown) | null;
        };
        /**
         * LivenessDto
         * @description The process is alive.
         */
        LivenessDto: {
            /** @description Always `ok`. */
            status: components["schemas"]["LiveStatus"] & unknown;
        };
        /**
         * @description What the liveness probe says; there is only one answer.
         * @enum {string}
         */
        LiveStatus: "ok";
        /**
         * LoginBody
         * @description Credentials.
         */
        LoginBody: {
            /** @description Username or email. */
            login: string;
            /** @description Password. */
            password: string;
        };
        /**
         * MemberDto
         * @description A guild member.
         */
        MemberDto: {
            /** @description Guild id. */
            guild_id: string;
            /**
             * Format: int64
             * @description Join time (ms since epoch).
             */
            joined_at: number;
            /** @description Per-guild nickname. */
            nickname?: string | null;
            /** @description Role ids held besides @everyone. */
            roles: string[];
            /** @description The member. */
            user: components["schemas"]["UserDto"] & unknown;
        };
        /**
         * MessageDto
         * @description A message.
         */
        MessageDto: {
            /** @description Attached files. */
            attachments: components["schemas"]["AttachmentDto"][];
            /** @description Author's user id. */
            author_id: string;
            /** @description Channel id. */
            channel_id: string;
            /** @description Text. */
            content: string;
            /**
             * Format: int64
             * @description Send time (ms since epoch).
             */
            created_at: number;
            /**
             * Format: int64
             * @description Last edit time (ms since epoch).
             */
            edited_at?: number | null;
            /** @description Message id; ids sort by time. */
            id: string;
            /** @description Mentioned user ids. */
            mentions: string[];
            /** @description The nonce the author sent, if any. */
            nonce?: string | null;
            /** @description Reactions. */
            reactions: components["schemas"]["ReactionDto"][];
            /** @description The message this one replies to. */
            reply_to?: string | null;
        };
        /**
         * OpenDmBody
         * @description Whom to open a DM with.
         */
        OpenDmBody: {
            /** @description The other user's id. */
            recipient_id: string;
        };
        /**
         * Problem
         * @description What went wrong, for clients: a stable machine-readable code and a sentence.
         */
        Problem: {
            /** @description Stable identifier of the kind of problem, such as `unknown_guild`. */
            code: string;
            /** @description The request field at fault, for validation problems. */
            field?: string;
            /** @description Human-readable explanation. */
            message: string;
        };
        /**
         * PutRelationshipBody
         * @description A relationship change.
         */
        PutRelationshipBody: {
            /** @description `friend` or `block`. */
            type: components["schemas"]["RelationshipIntent"] & unknown;
        };
        /**
         * ReactionDto
         * @description Everyone who reacted with one emoji.
         */
        ReactionDto: {
            /**
             * Format: uint32
             * @description How many reacted.
             */
            count: number;
            /** @description The emoji. */
            emoji: string;
            /** @description Who reacted. */
            users: string[];
        };
        /**
         * ReadinessDto
         * @description Which dependencies answer.
         */
        ReadinessDto: {
            /** @description File storage answered. */
            files: boolean;
            /** @description Pub/sub is connected. */
            pubsub: boolean;
            /** @description `ready` when every dependency below is up. */
            status: components["schemas"]["ReadyStatus"] & unknown;
            /** @description The store answered a ping. */
            store: boolean;
        };
        /**
         * ReadStateDto
         * @description How far a user has read in a channel.
         */
        ReadStateDto: {
            /** @description Channel id. */
            channel_id: string;
            /** @description The newest message read. */
            last_message_id: string;
        };
        /**
         * @description Whether the server can serve requests now.
         * @enum {string}
         */
        ReadyStatus: "ready" | "unavailable";
        /**
         * RegisterBody
         * @description A new account.
         */
        RegisterBody: {
            /** @description 1–32 characters; defaults to the username. */
            display_name?: string | null;
            /** @description Unique email address. */
            email: string;
            /** @description 8–128 characters. */
            password: string;
            /** @description 3–32 letters, digits, `_`, `.` or `-`; unique without regard to case. */
            username: string;
        };
        /**
         * RelationshipDto
         * @description A relationship with another user.
         */
        RelationshipDto: {
            /** @description The other user's id. */
            id: string;
            /** @description The kind, from your side. */
            type: components["schemas"]["RelationshipType"] & unknown;
            /** @description The other user. */
            user: components["schemas"]["UserDto"] & unknown;
        };
        /**
         * @description What to make a relationship.
         * @enum {string}
         */
        RelationshipIntent: "friend" | "block";
        /**
         * @description Kinds of relationship, as the requesting user sees them.
         * @enum {string}
         */
        RelationshipType: "friend" | "incoming" | "outgoing" | "blocked";
        /**
         * RoleBody
         * @description A new role, or changes to one.
         */
        RoleBody: {
            /** @description 1–100 characters. */
            name?: string | null;
            /**
             * Format: uint64
             * @description Permission bits; unknown bits are ignored.
             */
            permissions?: number | null;
            /**
             * Format: int32
             * @description Sort order.
             */
            position?: number | null;
        };
        /**
         * RoleDto
         * @description A role.
         */
        RoleDto: {
            /** @description Guild id. */
            guild_id: string;
            /** @description Role id. */
            id: string;
            /** @description Name. */
            name: string;
            /**
             * Format: uint64
             * @description Permission bits.
             */
            permissions: number;
            /**
             * Format: int32
             * @description Sort order.
             */
            position: number;
        };
        /**
         * SendMessageBody
         * @description A new message.
         */
        SendMessageBody: {
            /** @description Ids of files the sender uploaded. */
            attachments?: string[] | null;
            /** @description 1–4000 characters after trimming. */
            content: string;
            /** @description Client token; a retry with the same nonce returns the first message. */
            nonce?: string | null;
            /** @description Id of a message in the same channel to reply to. */
            reply_to?: string | null;
        };
        /**
         * UpdateChannelBody
         * @description Changes to a guild channel.
         */
        UpdateChannelBody: {
            /** @description New name. */
            name?: string | null;
            /** @description New category; `null` takes the channel out of its category. */
            parent_id?: string | null;
            /**
             * Format: int32
             * @description New position.
             */
            position?: number | null;
            /** @description New topic; empty clears it. */
            topic?: string | null;
        };
        /**
         * UpdateGuildBody
         * @description Changes to a guild.
         */
        UpdateGuildBody: {
            /** @description An icon upload's file id; `null` removes the icon. */
            icon?: string | null;
            /** @description New name, 2–100 characters. */
            name?: string | null;
        };
        /**
         * UpdateMeBody
         * @description Changes to one's own profile; absent fields stay as they are.
         */
        UpdateMeBody: {
            /** @description An avatar upload's file id; `null` removes the avatar. */
            avatar?: string | null;
            /** @description New display name. */
            display_name?: string | null;
            /** @description New username. */
            username?: string | null;
        };
        /**
         * UpdateMemberBody
         * @description Changes to a membership.
         */
        UpdateMemberBody: {
            /** @description New nickname; `null` clears it. */
            nickname?: string | null;
            /** @description The complete set of role ids to hold. */
            roles?: string[] | null;
        };
        /**
         * UserDto
         * @description Another user, as anyone may see them.
         */
        UserDto: {
            /** @description Avatar file id. */
            avatar?: string | null;
            /** @description Display name. */
            display_name: string;
            /** @description User id. */
            id: string;
            /** @description Unique handle. */
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
