/* Starts Swagger UI on /api/docs from the project's own copy (no inline script, no CDN). */
const data = document.body.dataset;
SwaggerUIBundle({
  url: data.openapiUrl,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  requestInterceptor: (request) => {
    // Session writes from the docs page need Django's CSRF token.
    if (data.csrfToken) request.headers["X-CSRFToken"] = data.csrfToken;
    return request;
  },
});
