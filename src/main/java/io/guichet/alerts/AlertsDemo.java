package io.guichet.alerts;

import io.guichet.identity.Staff;

import java.util.List;

/**
 * The five standard templates, prepared in calm times (seeded with the demo cégep, and by {@code doSeedTemplates} where an
 * institution starts without it): fire and evacuation of a building, lockdown, closure for weather, system outage, all-clear.
 */
public final class AlertsDemo {
    public static final List<AlertTemplate> STANDARD = List.of(
            template("fire", "Incendie — évacuation d’un bâtiment", "Fire — building evacuation", "Fire", "Extreme",
                    "URGENT : incendie au {bâtiment}. Évacuez immédiatement par l’issue la plus proche. {consignes}",
                    "Un incendie est en cours au {bâtiment} depuis {heure}.\n\nÉvacuez immédiatement par l’issue la plus proche, sans utiliser les ascenseurs, "
                            + "et rendez-vous au point de rassemblement.\n\n{consignes}\n\nRépondez au lien ci-dessous pour dire si vous êtes en sécurité.",
                    "URGENT: fire in {building}. Evacuate now by the nearest exit. {instructions}",
                    "A fire has been under way in {building} since {time}.\n\nEvacuate now by the nearest exit, without using the elevators, "
                            + "and go to the assembly point.\n\n{instructions}\n\nAnswer through the link below to tell us whether you are safe."),
            template("lockdown", "Confinement", "Lockdown", "Security", "Extreme",
                    "URGENT : confinement au {bâtiment}. Restez à l’intérieur, verrouillez, silence. {consignes}",
                    "Un confinement est en vigueur au {bâtiment} depuis {heure}.\n\nRestez à l’intérieur, fermez et verrouillez les portes, éteignez les lumières "
                            + "et mettez votre téléphone en silencieux. N’ouvrez à personne.\n\n{consignes}",
                    "URGENT: lockdown in {building}. Stay inside, lock the doors, keep silent. {instructions}",
                    "A lockdown has been in force in {building} since {time}.\n\nStay inside, close and lock the doors, switch off the lights and silence "
                            + "your phone. Open to no one.\n\n{instructions}"),
            template("weather", "Fermeture — intempéries", "Closure — weather", "Met", "Moderate",
                    "Fermeture du campus à compter de {heure} en raison des intempéries. {consignes}",
                    "En raison des conditions météorologiques, le campus ferme à compter de {heure}.\n\nLes cours et activités sont annulés. {consignes}",
                    "The campus closes from {time} because of the weather. {instructions}",
                    "Because of the weather, the campus closes from {time}.\n\nClasses and activities are cancelled. {instructions}"),
            template("outage", "Panne de systèmes", "System outage", "Infra", "Minor",
                    "Panne en cours : {consignes}",
                    "Une panne touche nos systèmes depuis {heure}.\n\n{consignes}\n\nNous vous écrirons dès le retour à la normale.",
                    "Outage under way: {instructions}",
                    "An outage has affected our systems since {time}.\n\n{instructions}\n\nWe will write again as soon as everything works."),
            template("allclear", "Fin de l’alerte", "All-clear", "Safety", "Minor",
                    "Fin de l’alerte au {bâtiment} : la situation est revenue à la normale.",
                    "La situation au {bâtiment} est revenue à la normale depuis {heure}.\n\n{consignes}\n\nMerci de votre collaboration.",
                    "All-clear in {building}: the situation is back to normal.",
                    "The situation in {building} has been back to normal since {time}.\n\n{instructions}\n\nThank you for your cooperation."));

    private static AlertTemplate template(String key, String nameFr, String nameEn, String category, String severity, String shortFr, String longFr,
                                          String shortEn, String longEn) {
        return new AlertTemplate(0, key, nameFr, nameEn, category, severity, new Texts(new AlertText(shortFr, longFr), new AlertText(shortEn, longEn)), false);
    }

    /** Seeds the standard templates (idempotent). */
    public static void seed(AlertService alerts) {
        alerts.doSeedTemplates(Staff.SYSTEM, STANDARD);
    }

    private AlertsDemo() {
    }
}
