/// The monolith's JSON API as an OpenAPI 3.1 document, served at `GET /openapi.yaml`.
/// `OpenAPITests` checks that every route the router has is documented here or listed under
/// `x-undocumented-routes` (the server-rendered HTML pages and their form posts, with the reason),
/// and that every documented route exists. Keep the two in step: the test fails when they drift.
///
/// Authentication is the browser's: the session cookie (`notes-session`) of a signed-in user,
/// and on POST, PUT and DELETE the session's CSRF token in `X-CSRF-Token` (every page carries it
/// in `<meta name="csrf-token">`). A call with no session cookie needs no token, and acts as nobody.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: notes
  version: 0.1.0
  description: >-
    The JSON API of notes. Errors are Vapor's JSON:
    {"error": true, "reason": "..."}. Signed-in calls send the session cookie and, on POST, PUT and
    DELETE, the session's CSRF token in X-CSRF-Token (every HTML page has it in
    <meta name="csrf-token">); calls without the cookie need no token and act as nobody.
x-undocumented-routes:
  - route: GET /
    reason: HTML page
  - route: GET /items
    reason: HTML page
components:
  securitySchemes:
    session:
      type: apiKey
      in: cookie
      name: {{ cookiecutter.name }}-session
      description: The session cookie a browser gets at /login.
    csrf:
      type: apiKey
      in: header
      name: X-CSRF-Token
      description: The session's CSRF token (required with the cookie on POST, PUT and DELETE).
  schemas:
    Error:
      type: object
      required: [error, reason]
      properties:
        error: {const: true}
        reason: {type: string}
    Item:
      type: object
      required: [id, name, notes, done]
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
        notes: {type: string}
        done: {type: boolean}
        createdAt: {type: [string, "null"], format: date-time}
        updatedAt: {type: [string, "null"], format: date-time}
    ItemInput:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 200}
        notes: {type: [string, "null"], maxLength: 10000}
        done: {type: [boolean, "null"]}
  responses:
    BadRequest:
      description: The body is not the JSON this operation takes, or a field is invalid (the reason names it).
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    NotFound:
      description: No such record.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    TooLarge:
      description: The body is larger than the route accepts.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    UnsupportedMediaType:
      description: The body is not JSON.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Unauthorized:
      description: No signed-in user (or a bad signature, for webhooks).
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
paths:
  /healthz:
    get:
      operationId: health
      summary: Liveness and readiness
      responses:
        "200":
          description: The app is up.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {const: ok}
  /metrics:
    get:
      operationId: metrics
      summary: Prometheus metrics (text format 0.0.4)
      responses:
        "200":
          description: Every series recorded through swift-metrics in this process (Vapor's request metrics among them).
          content:
            text/plain:
              schema: {type: string}
  /openapi.yaml:
    get:
      operationId: openapi
      summary: This document
      responses:
        "200":
          description: The OpenAPI 3.1 document.
          content:
            application/yaml:
              schema: {type: string}
  /api/items:
    get:
      operationId: listItems
      summary: The newest 1,000 items
      responses:
        "200":
          description: Items, newest first.
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Item"}
    post:
      operationId: createItem
      summary: Create an item
      security: [{}, {session: [], csrf: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ItemInput"}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "415": {$ref: "#/components/responses/UnsupportedMediaType"}
  /api/items/{itemID}:
    parameters:
      - name: itemID
        in: path
        required: true
        schema: {type: string, format: uuid}
    get:
      operationId: getItem
      summary: One item
      responses:
        "200":
          description: The item.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "404": {$ref: "#/components/responses/NotFound"}
    put:
      operationId: updateItem
      summary: Change an item (absent notes and done stay as they are)
      security: [{}, {session: [], csrf: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ItemInput"}
      responses:
        "200":
          description: The changed item.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "415": {$ref: "#/components/responses/UnsupportedMediaType"}
    delete:
      operationId: deleteItem
      summary: Delete an item
      security: [{}, {session: [], csrf: []}]
      responses:
        "204":
          description: Deleted.
        "404": {$ref: "#/components/responses/NotFound"}
"""#
}
