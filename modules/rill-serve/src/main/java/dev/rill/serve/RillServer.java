package dev.rill.serve;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;

/**
 * The HTTP server of {@code rill serve}: the JSON API, its OpenAPI description and the demo page,
 * on Javalin (Jetty 12). All routes are in {@link #start}, in one table.
 *
 * <p>Requests run on Jetty's thread pool; each borrows a network copy of its model for the
 * forward pass ({@link CopyPool}), so concurrent requests never share a network or its state.
 */
public final class RillServer implements AutoCloseable {

    private final Javalin app;
    private final ServeSettings settings;

    private RillServer(Javalin app, ServeSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /**
     * Starts serving and returns once the port is open.
     *
     * @throws ServeException when the address cannot be bound (port taken, host not on this machine)
     */
    public static RillServer start(ModelRegistry models, ServeSettings settings) {
        Limits limits = settings.limits();
        ModelsEndpoint listing = new ModelsEndpoint(models);
        GenerateEndpoint generate = new GenerateEndpoint(models, limits);
        OpenApiDocument openApi = new OpenApiDocument(limits);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.http.prefer405over404 = true;

            config.routes.get("/health", listing::health);
            config.routes.get("/api/models", listing::models);
            config.routes.post("/api/classify", new ClassifyEndpoint(models, limits));
            config.routes.post("/api/tag", new TagEndpoint(models, limits));
            config.routes.post("/api/generate", generate::single);
            config.routes.get("/api/generate/stream", generate::stream);
            config.routes.post("/api/generate/stream", generate::stream);
            config.routes.get("/openapi.json", openApi);
            config.routes.get("/", StaticResource.demo("index.html", "text/html; charset=utf-8"));
            config.routes.get("/demo.js", StaticResource.demo("demo.js", "text/javascript; charset=utf-8"));
            config.routes.get("/demo.css", StaticResource.demo("demo.css", "text/css; charset=utf-8"));

            new ErrorResponses(limits).install(config.routes);
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw new ServeException("cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                    + "); choose another --port, or a --host address of this machine", e);
        }
        return new RillServer(app, settings);
    }

    /** The port the server listens on (the one the OS chose when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** The server's base URL, ending in {@code /}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** Stops accepting requests and closes the port. */
    @Override
    public void close() {
        app.stop();
    }
}
