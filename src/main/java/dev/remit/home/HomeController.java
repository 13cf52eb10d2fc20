package dev.remit.home;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.ApiException;

/**
 * The server's root. A browser (or anything that takes HTML, curl included) gets a page saying remit
 * is running, with links to the API docs and health and the first steps; a client that takes JSON
 * only gets the 404 every unknown path gives, as HighLevel's API answers it.
 */
@RestController
class HomeController {

    private static final Resource PAGE = new ClassPathResource("home/index.html");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @GetMapping("/")
    ResponseEntity<Resource> page(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!takesHtml(accept)) {
            throw ApiException.notFound("Cannot GET /");
        }
        return ResponseEntity.ok().contentType(HTML).body(PAGE);
    }

    /** No Accept header, or one naming text/html or a wildcard that covers it. */
    static boolean takesHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.includes(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException unreadable) {
            return true;
        }
    }
}
