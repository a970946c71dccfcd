// Starts Swagger UI on this server's OpenAPI (a file, not an inline script: the page's CSP allows none).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
