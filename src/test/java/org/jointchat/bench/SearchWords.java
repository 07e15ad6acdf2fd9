package org.jointchat.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Word lists for the search scenario's seeded history: English, Russian and Ukrainian chat vocabulary,
 * each roughly in order of how often people use it (stop words first, then everyday and work words, then
 * rarer ones). The seed draws rank k with probability ∝ 1/k (Zipf), so the first words are in most
 * messages of their language and the last ones in a few hundred of a million.
 */
final class SearchWords {

    private SearchWords() {
    }

    static final List<String> ENGLISH = words("""
            the i to you it and a is that we of in for this on have be just do not what with are so can but
            know like yes will my me all was at think get good ok there if no about one they how your now up go
            from time see out would right need here people work thanks today yeah make want new really some more
            when also could meeting why back did then well going still sure look build test let sorry tomorrow
            code fix issue check release deploy server please done already maybe morning again working try change
            everyone update week team problem idea help call later thing looks nice great yesterday branch review
            merge question answer before after first last night message room search database user users bug
            error logs version client api page login password token night lunch coffee weekend friday monday
            office remote home train late early minutes hours ticket customer report plan sprint demo slides
            design doc docs spec draft feedback approve approved ship shipped broken flaky retry timeout latency
            cache index query table migration schema backup restore rollback config settings cluster node
            container image pipeline staging production incident alert oncall pager dashboard metrics graph
            spike memory heap thread socket queue worker batch budget contract invoice vendor holiday vacation
            birthday cake pizza football concert movie series music guitar bicycle mountain beach weather rain
            snow umbrella airport flight hotel passport museum library garden kitten puppy recipe pancake
            marathon chess telescope volcano harbour lighthouse saxophone origami quartz glacier walrus
            """);

    static final List<String> RUSSIAN = words("""
            и в не на я что с а это как по но он так все да ты мы у же вот уже есть нет если там только можно
            надо когда еще сейчас тоже ну где кто будет очень было сегодня завтра спасибо привет хорошо время
            работа сделать думаю знаю может нужно потом давай вообще конечно просто вопрос проблема сервер база
            данных сообщение сообщения комната пользователь пользователи поиск ошибка релиз задача тест тесты код
            версия обновление встреча проект команда день неделя минут часов вчера утром вечером понедельник
            пятница выходные обед кофе посмотри посмотрю проверить проверь исправил исправить сломалось работает
            починил логи запрос индекс таблица миграция ветка коммит слияние откат ревью документация клиент
            договор отчёт бюджет квартал план спринт демо дизайн макет черновик отзыв согласовать выкатили
            выкатить прод стенд тестовый нагрузка задержка таймаут повтор память поток очередь кэш сессия токен
            пароль шифрование сертификат домен прокси балансировщик репликация резервная копия мониторинг метрики
            график дежурство инцидент тревога контейнер образ конвейер сборка зависимость библиотека архитектура
            микросервис производительность профилирование отпуск больничный собеседование кандидат премия погода
            дождь снег зонтик машина метро поезд самолёт билет гостиница паспорт море горы пляж кошка собака
            котёнок щенок ребёнок школа университет книга фильм сериал музыка концерт футбол хоккей шахматы
            велосипед марафон пицца суп чай молоко хлеб магазин аптека врач праздник торт рецепт блины гитара
            музей библиотека сад телескоп вулкан гавань маяк саксофон оригами кварц ледник морж
            """);

    static final List<String> UKRAINIAN = words("""
            і в не на я що з а це як по але він так все ти ми у ж ось вже є немає якщо там тільки можна треба
            коли ще зараз теж ну де хто буде дуже було сьогодні завтра дякую привіт добре час робота зробити
            думаю знаю може потрібно потім давай взагалі звичайно просто питання проблема сервер база даних
            повідомлення кімната користувач користувачі пошук помилка реліз завдання тест тести код версія
            оновлення зустріч проєкт команда день тиждень хвилин годин вчора зранку ввечері понеділок вихідні
            обід кава подивись подивлюся перевірити перевір виправив виправити зламалося працює полагодив логи
            запит індекс таблиця міграція гілка коміт злиття відкат рев’ю документація клієнт договір звіт
            бюджет квартал план спринт демо дизайн макет чернетка відгук погодити викотили викотити прод стенд
            тестовий навантаження затримка таймаут повтор пам’ять потік черга кеш сесія токен пароль шифрування
            сертифікат домен проксі балансувальник реплікація резервна копія моніторинг метрики графік
            чергування інцидент тривога контейнер образ конвеєр збірка залежність бібліотека архітектура
            мікросервіс продуктивність профілювання відпустка лікарняний співбесіда кандидат премія погода дощ
            сніг парасолька машина метро потяг літак квиток готель паспорт море гори пляж кіт собака кошеня
            цуценя дитина школа університет книжка фільм серіал музика концерт футбол хокей шахи велосипед
            марафон піца борщ чай молоко хліб крамниця аптека лікар свято торт рецепт вареники гітара музей
            садок телескоп вулкан гавань маяк саксофон орігамі кварц льодовик морж
            """);

    static final List<List<String>> ALL = List.of(ENGLISH, RUSSIAN, UKRAINIAN);
    static final List<String> LANGUAGES = List.of("en", "ru", "uk");
    /** The words a query may use: the server ignores words of one letter. */
    static final List<List<String>> QUERYABLE = ALL.stream().map(l -> l.stream().filter(w -> w.length() >= 2).toList()).toList();

    /** Size of each language's tail of rarer words ({@link #tail}). */
    static final int TAIL = 20_000;

    private static final String[][] ONSETS = {
        {"b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "pr", "r", "s",
            "sh", "sk", "st", "t", "th", "tr", "v", "w", "z"},
        {"б", "бр", "в", "г", "гр", "д", "др", "ж", "з", "к", "кр", "л", "м", "н", "п", "пр", "р", "с", "ст", "т", "тр", "ф", "х",
            "ц", "ч", "ш", "щ"},
        {"б", "бр", "в", "г", "ґ", "д", "дж", "ж", "з", "к", "кр", "л", "м", "н", "п", "пр", "р", "с", "ст", "т", "тр", "ф", "х",
            "ц", "ч", "ш"}};
    private static final String[][] NUCLEI = {
        {"a", "e", "i", "o", "u", "ea", "oo", "ai", "ou", "y"},
        {"а", "е", "и", "о", "у", "ы", "я", "ю", "ё", "э"},
        {"а", "е", "и", "о", "у", "і", "ї", "є", "я", "ю"}};
    private static final String[][] CODAS = {
        {"", "", "n", "r", "s", "t", "l", "ck", "nd", "st", "ng", "m"},
        {"", "", "н", "р", "с", "т", "л", "к", "м", "ть", "й", "ст"},
        {"", "", "н", "р", "с", "т", "л", "к", "м", "ть", "й", "ст"}};

    /**
     * The k-th word (0-based) of a language's tail: a pronounceable made-up word of 2–4 syllables, the same
     * on every run. Real chat vocabulary is large, most words are rare; these make the rare end realistic
     * for PostgreSQL's statistics and for queries that match a handful of messages.
     */
    static String tail(int language, int k) {
        var random = new java.util.SplittableRandom(language * 1_000_003L + k);
        var word = new StringBuilder();
        int syllables = 2 + random.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            word.append(ONSETS[language][random.nextInt(ONSETS[language].length)]);
            word.append(NUCLEI[language][random.nextInt(NUCLEI[language].length)]);
        }
        word.append(CODAS[language][random.nextInt(CODAS[language].length)]);
        return word.toString();
    }

    private static List<String> words(String text) {
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(text.strip().split("\\s+"))));
    }
}
